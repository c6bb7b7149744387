import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { App } from '../../src/app.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { createBook } from '../factories/catalog.js';
import { calmStores, setPrice } from '../helpers/simulator.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let sim: RunningSimulator;
const ISBN = '9780141439600';

beforeAll(async () => {
  sim = await startSimulator({ seed: 9, stores: 6 });
  await calmStores(sim, { latencyMs: 20 });
  for (const profile of sim.simulator.profiles()) await setPrice(sim, profile.slug, ISBN, 1500);
  t = await startTestApp({ environment: { REDIS_URL: 'redis://127.0.0.1:6379' } });
  await t.app.services.stores.syncFromNetwork(sim.url);
  await createBook(t.app.db, { title: 'Streamed Offers', isbn13: ISBN });
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

function collectOffers(url: string, count: number): { done: Promise<any[]>; ready: Promise<void>; close: () => Promise<void>; received: any[] } {
  const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
  const received: any[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  client.on('connected', () => setTimeout(markReady, 200));
  const done = new Promise<any[]>((resolve, reject) => {
    client.subscribe(
      { query: `subscription { offersUpdated(isbn: "${ISBN}") { store { slug } price { cents } source } }` },
      {
        next: (message) => {
          received.push(message.data?.offersUpdated);
          if (received.length >= count) resolve(received);
        },
        error: reject,
        complete: () => resolve(received),
      },
    );
  });
  return { done, ready, close: () => client.dispose() as Promise<void>, received };
}

describe('offersUpdated', () => {
  it('streams each store offer as it arrives during a live look-up', async () => {
    const port = await t.app.http.listen(0, '127.0.0.1');
    const subscription = collectOffers(`ws://127.0.0.1:${port}/graphql`, 6);
    await subscription.ready;
    await t.execute(`{ book(isbn: "${ISBN}") { offers(maxAgeSeconds: 0) { store { slug } } } }`);
    const offers = await subscription.done;
    expect(offers).toHaveLength(6);
    for (const offer of offers) expect(offer).toMatchObject({ price: { cents: 1500 }, source: 'LIVE' });
    await subscription.close();
  });

  // Two app instances inside one test process: passes alone and in most full runs, but about one full
  // run in three the second instance hears nothing for 15 s. Cross-instance fan-out between separate
  // processes, as deployed, is proven by test/server/two-instances.test.ts; this in-process variant
  // stays skipped until the cause of its flakiness is found.
  it.skip('reaches subscribers of another instance through Redis', async () => {
    const other: App = await t.anotherInstance();
    try {
      const port = await other.http.listen(0, '127.0.0.1');
      const subscription = collectOffers(`ws://127.0.0.1:${port}/graphql`, 6);
      await subscription.ready;
      // The other instance's Redis subscription becomes active asynchronously: ask again until it hears.
      let heard = false;
      void subscription.done.then(() => (heard = true));
      for (let attempt = 0; attempt < 20 && !heard; attempt++) {
        await t.execute(`{ book(isbn: "${ISBN}") { offers(maxAgeSeconds: 0) { store { slug } } } }`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const timeout = new Promise<string>((resolve) => setTimeout(() => resolve(`timed out with ${subscription.received.length} offers`), 10_000));
      expect(await Promise.race([subscription.done.then((offers) => offers.length), timeout])).toBe(6);
      await subscription.close();
    } finally {
      await other.close();
    }
  });
});
