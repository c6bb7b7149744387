import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartnerNetwork } from '../../src/partners/network.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { admin, storeStats } from '../helpers/simulator.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 17, stores: 2 });
});
afterAll(() => sim.close());

describe('the partner network', () => {
  it('follows a store re-registered at another address: its calls go to the new one', async () => {
    const profile = sim.simulator.profiles()[0]!;
    await admin(sim, 'PUT', `/stores/${profile.slug}`, { latencyMs: 1, latencySigma: 0, errorRate: 0, down: false });
    const network = new PartnerNetwork(null, 'folio');
    const store = {
      id: 7,
      slug: profile.slug,
      apiBaseUrl: 'http://127.0.0.1:1/stores/gone',
      rateLimitPerSecond: 10,
      burst: 20,
      timeoutMs: 1_000,
      supportsBatch: false,
      maxBatch: 1,
    };
    const before = network.adapter(store);
    const moved = { ...store, apiBaseUrl: `${sim.url}/stores/${profile.slug}` };
    expect(network.adapter(moved)).not.toBe(before);
    expect(network.adapter(moved)).toBe(network.adapter(moved));
    const asked = await storeStats(sim, profile.slug);
    await network
      .lane(moved)
      .lookUp('9780306406157', { priority: 'SHOPPER', deadline: Date.now() + 2_000 })
      .catch(() => null);
    expect((await storeStats(sim, profile.slug)).requests).toBe(asked.requests + 1);
    network.close();
  });
});
