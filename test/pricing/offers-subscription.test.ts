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

/** Offers heard by a subscriber over WebSocket, until `count` different stores have been heard from. */
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
          if (new Set(received.map((offer) => offer.store.slug)).size >= count) resolve(received);
        },
        error: reject,
        complete: () => resolve(received),
      },
    );
  });
  return { done, ready, close: () => client.dispose() as Promise<void>, received };
}

/** Live look-ups until the subscriber has heard from every store: its Redis subscription starts some time after it subscribed. */
async function lookUpUntilHeard(app: { execute: TestApp['execute'] }, received: { store: { slug: string } }[]): Promise<void> {
  for (let attempt = 0; attempt < 40 && new Set(received.map((offer) => offer.store.slug)).size < 6; attempt++) {
    await app.execute(`{ book(isbn: "${ISBN}") { offers(maxAgeSeconds: 0) { store { slug } } } }`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('offersUpdated', () => {
  it('streams each store offer as it arrives during a live look-up', async () => {
    const port = await t.app.http.listen(0, '127.0.0.1');
    const subscription = collectOffers(`ws://127.0.0.1:${port}/graphql`, 6);
    await subscription.ready;
    await lookUpUntilHeard(t, subscription.received);
    const offers = await subscription.done;
    expect(new Set(offers.map((offer) => offer.store.slug)).size).toBe(6);
    for (const offer of offers) expect(offer).toMatchObject({ price: { cents: 1500 }, source: 'LIVE' });
    await subscription.close();
  });

  it('reaches subscribers of another instance through Redis', async () => {
    const other: App = await t.anotherInstance();
    try {
      const port = await other.http.listen(0, '127.0.0.1');
      const subscription = collectOffers(`ws://127.0.0.1:${port}/graphql`, 6);
      await subscription.ready;
      await lookUpUntilHeard(t, subscription.received);
      const offers = await subscription.done;
      expect(new Set(offers.map((offer) => offer.store.slug)).size).toBe(6);
      await subscription.close();
    } finally {
      await other.close();
    }
  });
});
