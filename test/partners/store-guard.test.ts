import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIsbn13 } from '../../src/lib/isbn.js';
import { createRedis } from '../../src/lib/redis.js';
import { HttpPartnerAdapter } from '../../src/partners/http-adapter.js';
import { StoreGuard } from '../../src/partners/store-guard.js';
import { LocalBudget, type RequestBudget, SharedBudget } from '../../src/partners/request-budget.js';
import { StorePacer } from '../../src/partners/store-pacer.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { ADDRESS } from '../factories/address.js';

let sim: RunningSimulator;
const ISBN = makeIsbn13('978', 123_456_789);

async function configure(slug: string, changes: Record<string, unknown>) {
  await fetch(`${sim.url}/admin/stores/${slug}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(changes) });
}
async function stats(slug: string) {
  return (await (await fetch(`${sim.url}/admin/stores/${slug}/stats`)).json()) as { requests: number; throttled: number };
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, stores: 6 });
});
afterAll(() => sim.close());

type GuardOptions = ConstructorParameters<typeof StoreGuard>[0];

/** A guard whose budget is `rate` requests a second from the given bucket (a roomy local one by default). */
function guardFor(slug: string, options: Partial<GuardOptions> & { rate?: number; bucket?: RequestBudget } = {}) {
  const { rate = 1000, bucket = new LocalBudget({ ratePerSecond: rate, burst: rate * 2 }), ...rest } = options;
  return new StoreGuard({
    slug,
    timeoutMs: 300,
    pacer: new StorePacer(slug, rate, bucket),
    volumeThreshold: 3,
    resetTimeoutMs: 500,
    retries: 0,
    ...rest,
  });
}

const lookup = (slug: string) => {
  const adapter = new HttpPartnerAdapter(`${sim.url}/stores/${slug}`);
  return (signal: AbortSignal) => adapter.getPrice(ISBN, signal);
};
const soon = (ms = 2_000) => ({ idempotent: true, deadline: Date.now() + ms });

describe('circuit breaker against the simulator', () => {
  it('skips a hanging store within its timeout, opens after the threshold, half-opens later and closes when it recovers', async () => {
    const slug = sim.simulator.profiles()[0]!.slug;
    await configure(slug, { latencyMs: 5_000, latencySigma: 0, errorRate: 0, rateLimitPerSecond: 1000 });
    const guard = guardFor(slug);
    for (let call = 0; call < 3; call++) {
      const started = Date.now();
      await expect(guard.call(lookup(slug), soon())).rejects.toMatchObject({ kind: 'TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(1_000);
    }
    expect(guard.circuit).toBe('OPEN');
    const before = (await stats(slug)).requests;
    await expect(guard.call(lookup(slug), soon())).rejects.toMatchObject({ kind: 'SKIPPED' });
    expect((await stats(slug)).requests).toBe(before);
    expect(guard.health()).toMatchObject({ circuit: 'OPEN', lastError: expect.stringContaining('TIMEOUT') });

    await configure(slug, { latencyMs: 5, latencySigma: 0 });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(guard.circuit).toBe('HALF_OPEN');
    await guard.call(lookup(slug), soon());
    expect(guard.circuit).toBe('CLOSED');
    guard.shutdown();
  });

  it('retries idempotent look-ups that failed, with jittered back-off', async () => {
    const slug = sim.simulator.profiles()[1]!.slug;
    await configure(slug, { latencyMs: 1, latencySigma: 0, errorRate: 0.2, rateLimitPerSecond: 1000 });
    await fetch(`${sim.url}/admin/stores/${slug}/stats/reset`, { method: 'POST' });
    const guard = guardFor(slug, { retries: 5, volumeThreshold: 1000 });
    for (let call = 0; call < 10; call++) await guard.call(lookup(slug), soon(10_000));
    const counted = (await (await fetch(`${sim.url}/admin/stores/${slug}/stats`)).json()) as { requests: number; errors: number };
    expect(counted.requests).toBe(10 + counted.errors);
    guard.shutdown();
  });

  it('an order is answered "no such order" by a healthy store: never counted against it, however often', async () => {
    const slug = sim.simulator.profiles()[5]!.slug;
    await configure(slug, { latencyMs: 1, latencySigma: 0, errorRate: 0, rateLimitPerSecond: 1000 });
    const guard = guardFor(slug);
    const adapter = new HttpPartnerAdapter(`${sim.url}/stores/${slug}`);
    for (let call = 0; call < 6; call++) {
      await expect(guard.call((signal) => adapter.getOrder(`unknown-${call}`, signal), soon())).rejects.toMatchObject({ kind: 'NOT_FOUND' });
    }
    expect(guard.circuit).toBe('CLOSED');
    expect(guard.health()).toMatchObject({ successRate: 1, lastError: null });
    guard.shutdown();
  });

  it('never retries a call that is not idempotent', async () => {
    const slug = sim.simulator.profiles()[1]!.slug;
    await configure(slug, { errorRate: 1 });
    await fetch(`${sim.url}/admin/stores/${slug}/stats/reset`, { method: 'POST' });
    const guard = guardFor(slug, { retries: 5, volumeThreshold: 1000 });
    const adapter = new HttpPartnerAdapter(`${sim.url}/stores/${slug}`);
    const order = (signal: AbortSignal) =>
      adapter.placeOrder({ isbn13: ISBN, quantity: 1, expectedPriceCents: 100, reference: 'r-1', shippingAddress: ADDRESS }, signal);
    await expect(guard.call(order, { idempotent: false, deadline: Date.now() + 5_000 })).rejects.toMatchObject({ kind: 'SERVER_ERROR' });
    expect((await stats(slug)).requests).toBe(1);
    guard.shutdown();
  });
});

describe('pacing', () => {
  it('never exceeds the store limit when waiting for budget, and uses it fully, spacing requests evenly', async () => {
    const slug = sim.simulator.profiles()[2]!.slug;
    await configure(slug, { latencyMs: 1, latencySigma: 0, errorRate: 0, rateLimitPerSecond: 20 });
    await fetch(`${sim.url}/admin/stores/${slug}/stats/reset`, { method: 'POST' });
    const guard = guardFor(slug, { rate: 20 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 60 }, () => guard.call(lookup(slug), { idempotent: true, deadline: Date.now() + 10_000 })));
    const seconds = (Date.now() - started) / 1000;
    const { requests, throttled } = await stats(slug);
    expect(throttled).toBe(0);
    expect(requests).toBe(60);
    expect(seconds).toBeLessThan(3.5);
    guard.shutdown();
  });

  it('shares one budget between two processes through Redis (no doubled rate)', async () => {
    const slug = sim.simulator.profiles()[3]!.slug;
    await configure(slug, { latencyMs: 1, latencySigma: 0, errorRate: 0, rateLimitPerSecond: 10 });
    await fetch(`${sim.url}/admin/stores/${slug}/stats/reset`, { method: 'POST' });
    const redisA = createRedis('redis://127.0.0.1:6379');
    const redisB = createRedis('redis://127.0.0.1:6379');
    const keyPrefix = `folio:test:${process.pid}:${Date.now()}`;
    // No burst to speak of: one shared budget takes 4 s for 40 requests, two separate ones half that.
    const bucket = (client: typeof redisA) => new SharedBudget(client, keyPrefix, { ratePerSecond: 10, burst: 2 });
    const guards = [guardFor(slug, { rate: 10, bucket: bucket(redisA) }), guardFor(slug, { rate: 10, bucket: bucket(redisB) })];
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await Promise.all(Array.from({ length: 40 }, (_, index) => guards[index % 2]!.call(lookup(slug), { idempotent: true, deadline: Date.now() + 15_000 })));
    const seconds = (Date.now() - started) / 1000;
    expect((await stats(slug)).throttled).toBe(0);
    expect(seconds).toBeGreaterThan(2.5);
    for (const guard of guards) guard.shutdown();
    redisA.disconnect();
    redisB.disconnect();
  });

  it('gives up at its deadline when the budget is spent, without calling the store', async () => {
    const slug = sim.simulator.profiles()[4]!.slug;
    await configure(slug, { latencyMs: 1, latencySigma: 0, errorRate: 0, rateLimitPerSecond: 1000 });
    const guard = guardFor(slug, { bucket: new LocalBudget({ ratePerSecond: 0.2, burst: 2 }) });
    await guard.call(lookup(slug), soon());
    const before = (await stats(slug)).requests;
    const started = Date.now();
    await expect(guard.call(lookup(slug), soon(200))).rejects.toMatchObject({ kind: 'SKIPPED' });
    expect(Date.now() - started).toBeLessThan(400);
    expect((await stats(slug)).requests).toBe(before);
    guard.shutdown();
  });
});
