import type { RunningSimulator } from '../../src/simulator/server.js';

/** Calls the simulator's admin API (the contract in API.md) and returns its JSON answer. */
export async function admin(sim: RunningSimulator, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${sim.url}/admin${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

/** Makes every store fast, reliable and generous, so a test varies only what it means to. */
export async function calmStores(sim: RunningSimulator, changes: Record<string, unknown> = {}): Promise<void> {
  for (const profile of sim.simulator.profiles()) {
    await admin(sim, 'PUT', `/stores/${profile.slug}`, {
      latencyMs: 2,
      latencySigma: 0,
      errorRate: 0,
      rateLimitPerSecond: 1000,
      down: false,
      outage: null,
      ...changes,
    });
  }
}

/** Fixes a store's price for a book (frozen, in stock unless said otherwise). */
export async function setPrice(sim: RunningSimulator, slug: string, isbn13: string, priceCents: number, inStock = true): Promise<void> {
  await admin(sim, 'PUT', `/stores/${slug}/books/${isbn13}`, { priceCents, inStock, freeze: true });
}

/** What the simulator has counted for a store since start or its last reset. */
export async function storeStats(sim: RunningSimulator, slug: string): Promise<{ requests: number; throttled: number; errors: number; orders: number }> {
  return admin(sim, 'GET', `/stores/${slug}/stats`);
}
