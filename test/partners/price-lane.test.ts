import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIsbn13 } from '../../src/lib/isbn.js';
import { createRedis } from '../../src/lib/redis.js';
import { HttpPartnerAdapter } from '../../src/partners/http-adapter.js';
import { PartnerNetwork } from '../../src/partners/network.js';
import { PriceLane } from '../../src/partners/price-lane.js';
import { StoreGuard } from '../../src/partners/store-guard.js';
import { LocalBudget } from '../../src/partners/request-budget.js';
import { StorePacer } from '../../src/partners/store-pacer.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { admin } from '../helpers/simulator.js';

let sim: RunningSimulator;
const isbns = Array.from({ length: 400 }, (_, index) => makeIsbn13('978', 200_000_000 + index));

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, stores: 12 });
});
afterAll(() => sim.close());

/** A store of the simulator with a fixed limit, and a lane in front of it paced at that same limit. */
async function laneFor(batch: boolean, rate: number) {
  const profile = sim.simulator.profiles().find((candidate) => candidate.supportsBatch === batch)!;
  await admin(sim, 'PUT', `/stores/${profile.slug}`, { latencyMs: 5, latencySigma: 0, errorRate: 0, rateLimitPerSecond: rate, down: false });
  await admin(sim, 'POST', `/stores/${profile.slug}/stats/reset`);
  const guard = new StoreGuard({
    slug: profile.slug,
    timeoutMs: 1_000,
    pacer: new StorePacer(profile.slug, rate, new LocalBudget({ ratePerSecond: rate, burst: rate * 2 })),
  });
  const lane = new PriceLane(guard, new HttpPartnerAdapter(`${sim.url}/stores/${profile.slug}`), {
    ratePerSecond: rate,
    maxBatch: batch ? 50 : 1,
    maxInFlight: 4,
    maxAttempts: 3,
  });
  const stats = async () => (await admin(sim, 'GET', `/stores/${profile.slug}/stats`)) as { requests: number; throttled: number };
  const close = () => {
    lane.close();
    guard.shutdown();
  };
  return { lane, stats, close };
}

const settled = (promises: Promise<unknown>[]) => Promise.allSettled(promises);

describe('price lane', () => {
  it('keeps a store busy at exactly its limit while work is due, and drops what its budget cannot reach', async () => {
    const { lane, stats, close } = await laneFor(false, 10);
    const deadline = Date.now() + 3_000;
    const lookUps = isbns.slice(0, 100).map((isbn) => lane.lookUp(isbn, { priority: 'REFRESH', deadline }));
    const turnedAway = await Promise.race([
      lookUps[99]!.then(
        () => false,
        () => true,
      ),
      new Promise((resolve) => setTimeout(() => resolve(false), 100)),
    ]);
    expect(turnedAway).toBe(true); // the 100th cannot be sent within 3 s at 10/s: the caller hears so at once
    const results = await settled(lookUps);
    const answered = results.filter((result) => result.status === 'fulfilled').length;
    const { requests, throttled } = await stats();
    expect(throttled).toBe(0);
    expect(requests).toBe(answered);
    expect(requests).toBeGreaterThanOrEqual(27); // 10/s for 3 s, less the last request's round trip
    expect(requests).toBeLessThanOrEqual(31);
    expect(results.filter((result) => result.status === 'rejected').every((result) => (result as PromiseRejectedResult).reason.kind === 'SKIPPED')).toBe(true);
    expect(lane.refreshCoverage()).toEqual({ share: answered / 100, due: 100 });
    close();
  });

  it('fills each request of a batch store with what is waiting', async () => {
    const { lane, stats, close } = await laneFor(true, 5);
    const deadline = Date.now() + 5_000;
    const results = await settled(isbns.map((isbn) => lane.lookUp(isbn, { priority: 'REFRESH', deadline })));
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    const { requests, throttled } = await stats();
    expect(throttled).toBe(0);
    expect(requests).toBeLessThanOrEqual(10); // 400 look-ups: one single, then batches of up to 50
    close();
  });

  it('puts a waiting shopper ahead of the scheduled refresh', async () => {
    const { lane, close } = await laneFor(false, 4);
    const deadline = Date.now() + 10_000;
    const background = isbns.slice(0, 40).map((isbn) => lane.lookUp(isbn, { priority: 'REFRESH', deadline }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await lane.lookUp(isbns[300]!, { priority: 'SHOPPER', deadline: Date.now() + 2_000 });
    expect(Date.now() - started).toBeLessThan(600); // one slot at 4/s, not the 40 look-ups queued before it
    close();
    await settled(background);
  });
});

describe('two processes', () => {
  it('share one store budget through Redis: no doubled rate, no 429', async () => {
    const profile = sim.simulator.profiles().find((candidate) => !candidate.supportsBatch)!;
    await admin(sim, 'PUT', `/stores/${profile.slug}`, { latencyMs: 5, latencySigma: 0, errorRate: 0, rateLimitPerSecond: 10, down: false });
    await admin(sim, 'POST', `/stores/${profile.slug}/stats/reset`);
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // the store's bucket fills up to its new burst of 20
    const store = {
      id: 1,
      slug: `${profile.slug}-${process.pid}-${Date.now()}`,
      apiBaseUrl: `${sim.url}/stores/${profile.slug}`,
      rateLimitPerSecond: 10,
      burst: 20,
      timeoutMs: 1_000,
      supportsBatch: false,
      maxBatch: 1,
    };
    const clients = [createRedis('redis://127.0.0.1:6379'), createRedis('redis://127.0.0.1:6379')];
    const networks = clients.map((client) => new PartnerNetwork(client, 'folio'));
    const deadline = Date.now() + 4_000;
    const started = Date.now();
    await settled(
      networks.flatMap((network, n) => isbns.slice(n * 100, n * 100 + 100).map((isbn) => network.lane(store).lookUp(isbn, { priority: 'REFRESH', deadline }))),
    );
    const seconds = (Date.now() - started) / 1000;
    const { requests, throttled } = (await admin(sim, 'GET', `/stores/${profile.slug}/stats`)) as { requests: number; throttled: number };
    expect(throttled).toBe(0);
    expect(requests).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 20); // one store's budget (its rate and its burst), not two
    expect(requests).toBeGreaterThanOrEqual(30);
    for (const network of networks) network.close();
    for (const client of clients) client.disconnect();
  });
});
