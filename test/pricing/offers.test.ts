import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { createBook } from '../factories/catalog.js';
import { admin as adminCall, calmStores } from '../helpers/simulator.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let sim: RunningSimulator;
let book: { id: number; isbn13: string };

const admin = (method: string, path: string, body?: unknown) => adminCall(sim, method, path, body);

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, stores: 8 });
  t = await startTestApp();
  await t.app.services.stores.syncFromNetwork(sim.url);
  book = await createBook(t.app.db, { title: 'Offers Under Test', isbn13: '9780140449136' });
  await calmStores(sim);
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

const OFFERS = `query($isbn: String!, $maxAge: Int) { book(isbn: $isbn) {
  offers(maxAgeSeconds: $maxAge) { store { slug } price { cents } shipping { cents } total { cents } inStock source ageSeconds }
  lowestOffer { store { slug } total { cents } } } }`;

describe('stores', () => {
  it('registers the partner network and Folio itself', async () => {
    const result = await t.execute(`{ stores { totalCount edges { node { slug kind rateLimitPerSecond health { circuit successRate } } } } }`);
    expect(result.data?.stores.totalCount).toBe(9);
    const kinds = result.data?.stores.edges.map((edge: any) => edge.node.kind);
    expect(kinds.filter((kind: string) => kind === 'FIRST_PARTY')).toHaveLength(1);
  });
});

describe('Book.offers', () => {
  it('asks every store live with maxAgeSeconds 0, ranks by total, and records offers, history, rollups and an alert job', async () => {
    const [cheap, middle, dear] = sim.simulator.profiles();
    await admin('PUT', `/stores/${cheap!.slug}/books/${book.isbn13}`, { priceCents: 105, inStock: true, freeze: true });
    await admin('PUT', `/stores/${middle!.slug}/books/${book.isbn13}`, { priceCents: 110, inStock: true, freeze: true });
    await admin('PUT', `/stores/${dear!.slug}/books/${book.isbn13}`, { priceCents: 120, inStock: true, freeze: true });

    const result = await t.execute(OFFERS, { isbn: book.isbn13, maxAge: 0 });
    expect(result.errors).toBeUndefined();
    const offers = result.data!.book.offers as any[];
    expect(offers.length).toBeGreaterThanOrEqual(3);
    const totals = offers.map((offer) => offer.total.cents);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    for (const offer of offers) {
      expect(offer.total.cents).toBe(offer.price.cents + offer.shipping.cents);
      expect(offer.source).toBe('LIVE');
    }
    const expectedLowest = offers.filter((offer) => offer.inStock)[0];
    expect(result.data!.book.lowestOffer).toEqual({ store: expectedLowest.store, total: expectedLowest.total });
    const mine = offers.find((offer) => offer.store.slug === cheap!.slug);
    expect(mine.price.cents).toBe(105);

    const counts = await sql<{ offers: number; observations: number; daily: number; bookDaily: number; jobs: number }>`
      SELECT (SELECT count(*) FROM offers WHERE book_id = ${book.id})::int AS offers,
             (SELECT count(*) FROM price_observations WHERE book_id = ${book.id})::int AS observations,
             (SELECT count(*) FROM price_daily WHERE book_id = ${book.id})::int AS daily,
             (SELECT count(*) FROM book_price_daily WHERE book_id = ${book.id})::int AS book_daily,
             (SELECT count(*) FROM graphile_worker.jobs WHERE task_identifier = 'evaluate_alerts' AND key = ${`evaluate_alerts:${book.id}`})::int AS jobs`.execute(
      t.app.db,
    );
    expect(counts.rows[0]).toEqual({ offers: offers.length, observations: offers.length, daily: offers.length, bookDaily: 1, jobs: 1 });
    const bookRow = await t.app.db.selectFrom('books').select(['priceCents', 'inStock']).where('id', '=', book.id).executeTakeFirstOrThrow();
    expect(bookRow.priceCents).toBe(expectedLowest.total.cents);
  });

  it('serves recorded offers without asking again while they are fresh enough', async () => {
    const slug = sim.simulator.profiles()[0]!.slug;
    await admin('POST', `/stores/${slug}/stats/reset`);
    const result = await t.execute(OFFERS, { isbn: book.isbn13, maxAge: 3600 });
    expect(result.data!.book.offers.length).toBeGreaterThanOrEqual(3);
    expect((await admin('GET', `/stores/${slug}/stats`)).requests).toBe(0);
  });

  it('notices a price rise on the next live look-up and moves the ranking', async () => {
    const [cheap] = sim.simulator.profiles();
    await admin('PUT', `/stores/${cheap!.slug}/books/${book.isbn13}`, { priceCents: 9_999, inStock: true, freeze: true });
    const result = await t.execute(OFFERS, { isbn: book.isbn13, maxAge: 0 });
    const offers = result.data!.book.offers as any[];
    expect(offers.at(-1).store.slug === cheap!.slug || offers.find((o) => o.store.slug === cheap!.slug).price.cents === 9_999).toBe(true);
    expect(result.data!.book.lowestOffer.store.slug).not.toBe(cheap!.slug);
  });

  it('skips a store that is down and still answers with the others', async () => {
    const [, , , down] = sim.simulator.profiles();
    await admin('PUT', `/stores/${down!.slug}`, { down: true });
    const started = Date.now();
    const result = await t.execute(OFFERS, { isbn: book.isbn13, maxAge: 0 });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(result.errors).toBeUndefined();
    expect(result.data!.book.offers.length).toBeGreaterThanOrEqual(3);
    await admin('PUT', `/stores/${down!.slug}`, { down: false });
  });

  it('refuses a negative maxAgeSeconds', async () => {
    const result = await t.execute(OFFERS, { isbn: book.isbn13, maxAge: -1 });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('Book.ownOffer', () => {
  it("is Folio's list price with free shipping while a copy is in stock, and null once none is left", async () => {
    const stocked = await createBook(t.app.db, { title: 'On Folio Shelves', priceCents: 1_899, stock: { onHand: 1 } });
    const query = `query($isbn: String!) { book(isbn: $isbn) { ownOffer { store { kind } price { cents } shipping { cents } total { cents } inStock } } }`;
    const inStock = await t.execute(query, { isbn: stocked.isbn13 });
    expect(inStock.data!.book.ownOffer).toEqual({
      store: { kind: 'FIRST_PARTY' },
      price: { cents: 1_899 },
      shipping: { cents: 0 },
      total: { cents: 1_899 },
      inStock: true,
    });

    await t.app.db.updateTable('inventory').set({ sold: 1 }).where('bookId', '=', stocked.id).execute();
    const soldOut = await t.execute(query, { isbn: stocked.isbn13 });
    expect(soldOut.data!.book.ownOffer).toBeNull();
  });
});
