import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { createBook } from '../factories/catalog.js';
import { calmStores, setPrice } from '../helpers/simulator.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const REDIS = { REDIS_URL: 'redis://127.0.0.1:6379' };
const ISBN = '9780141439563';
let t: TestApp;
let other: App;
let sim: RunningSimulator;
let book: { id: number; isbn13: string };
let slug: string;

const setOnlyPrice = (priceCents: number) => setPrice(sim, slug, ISBN, priceCents);

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, stores: 1 });
  slug = sim.simulator.profiles()[0]!.slug;
  await calmStores(sim);
  t = await startTestApp({ environment: REDIS });
  other = await t.anotherInstance();
  await t.app.services.stores.syncFromNetwork(sim.url);
  book = await createBook(t.app.db, { title: 'Cached Offers', isbn13: ISBN });
});
afterAll(async () => {
  await other.close();
  await t.close();
  await sim.close();
});

const price = async (app: App) => (await app.services.offers.offersOfBooks([book.id]))[0]![0]?.priceCents;

describe('offer cache tiers', () => {
  it('serves a hot book from memory, then from Redis on another instance, without touching Postgres', async () => {
    await setOnlyPrice(1111);
    await t.app.services.offers.refreshBook(book, { deadline: Date.now() + 3_000, priority: 'SHOPPER', source: 'LIVE' });
    expect(await price(t.app)).toBe(1111);
    const before = t.app.services.offers.cacheHits();
    t.statements.length = 0;
    expect(await price(t.app)).toBe(1111);
    expect(t.app.services.offers.cacheHits().local).toBe(before.local + 1);
    expect(t.statements.filter((statement) => statement.includes('from "offers"'))).toEqual([]);

    const otherBefore = other.services.offers.cacheHits();
    expect(await price(other)).toBe(1111);
    expect(other.services.offers.cacheHits()).toMatchObject({ shared: otherBefore.shared + 1, database: otherBefore.database });
  });

  it('drops every copy when the price changes, on every instance', async () => {
    await setOnlyPrice(2222);
    await t.app.services.offers.refreshBook(book, { deadline: Date.now() + 3_000, priority: 'SHOPPER', source: 'LIVE' });
    expect(await price(t.app)).toBe(2222);
    let seen: number | undefined;
    for (let attempt = 0; attempt < 20 && seen !== 2222; attempt++) {
      seen = await price(other);
      if (seen !== 2222) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen).toBe(2222);
  });
});
