import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/lib/redis.js';
import { bucketShape, LocalBudget, type RequestBudget, SharedBudget } from '../../src/partners/request-budget.js';

const clients = [createRedis('redis://127.0.0.1:6379'), createRedis('redis://127.0.0.1:6379')];
afterAll(() => clients.forEach((client) => client.disconnect()));

/** Takes until the bucket refuses; the number taken. */
async function drain(budget: RequestBudget, urgent: boolean): Promise<number> {
  let taken = 0;
  while ((await budget.take(urgent)) === 0) taken++;
  return taken;
}

describe('bucketShape', () => {
  it('keeps one token back from the published burst and a reserve for shoppers', () => {
    expect(bucketShape({ ratePerSecond: 3, burst: 6 })).toEqual({ intervalMs: 1000 / 3, capacity: 5, shopperReserve: 2 });
    expect(bucketShape({ ratePerSecond: 2, burst: 3 })).toEqual({ intervalMs: 500, capacity: 2, shopperReserve: 1 });
    expect(bucketShape({ ratePerSecond: 1, burst: 1 })).toEqual({ intervalMs: 1000, capacity: 1, shopperReserve: 0 });
    expect(bucketShape({ ratePerSecond: 5, burst: null }).capacity).toBe(4); // unknown burst: one second's worth
  });
});

describe.each([
  ['in one process', () => [new LocalBudget({ ratePerSecond: 5, burst: 6 })]],
  [
    'shared through Redis',
    () => {
      const key = `folio:test:budget:${process.pid}:${Date.now()}:${Math.random()}`;
      return clients.map((client) => new SharedBudget(client, key, { ratePerSecond: 5, burst: 6 }));
    },
  ],
] as const)('a request budget %s', (_name, make) => {
  it("lets scheduled work take all but the shoppers' reserve, and shoppers the rest", async () => {
    const [budget] = make();
    expect(await drain(budget!, false)).toBe(3);
    expect(await drain(budget!, true)).toBe(2);
  });

  it('says how long until the next token, and refills at the rate', async () => {
    const [budget] = make();
    await drain(budget!, true);
    const wait = await budget!.take(true);
    expect(wait).toBeGreaterThan(100);
    expect(wait).toBeLessThanOrEqual(200);
    await new Promise((resolve) => setTimeout(resolve, wait + 5));
    expect(await budget!.take(true)).toBe(0);
  });

  it('grants nothing while blocked after a 429, then one request', async () => {
    const [budget] = make();
    await budget!.block(300);
    expect(await budget!.take(true)).toBeGreaterThan(250);
    await new Promise((resolve) => setTimeout(resolve, 310));
    expect(await budget!.take(true)).toBe(0);
    expect(await budget!.take(true)).toBeGreaterThan(0);
  });
});

describe('a shared request budget', () => {
  it('is one bucket for every process', async () => {
    const key = `folio:test:budget:${process.pid}:${Date.now()}:one`;
    const [first, second] = clients.map((client) => new SharedBudget(client, key, { ratePerSecond: 5, burst: 6 }));
    expect(await drain(first!, true)).toBe(5);
    expect(await second!.take(true)).toBeGreaterThan(0);
  });

  it('falls back to a local bucket at the same rate when Redis fails', async () => {
    const broken = createRedis('redis://127.0.0.1:1');
    try {
      const budget = new SharedBudget(broken, 'folio:test:budget:down', { ratePerSecond: 5, burst: 6 });
      expect(await drain(budget, true)).toBe(5);
    } finally {
      broken.disconnect();
    }
  });
});
