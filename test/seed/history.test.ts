import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../src/db/connect.js';
import { priceHistoryPoints } from '../../src/resolvers/pricing/price-history.js';
import { generatePriceHistory } from '../../src/seed/history.js';
import { currentQuotes } from '../../src/simulator/admin-client.js';
import { startSimulator } from '../../src/simulator/server.js';
import { createBook, createStore } from '../factories/catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('price history generator', () => {
  it('gives popular books a daily past whose rollups agree with its observations, once', async () => {
    const books = [];
    for (let index = 0; index < 4; index++)
      books.push(await createBook(t.app.db, { title: `Storied ${index}`, demandScore: 100 - index, priceCents: 1500 + index * 100 }));
    for (let index = 0; index < 6; index++) await createStore(t.app.db, `history-store-${index}`);
    const pool = createPool({ connectionString: t.databaseUrl, poolSize: 2 });
    try {
      const { observations } = await generatePriceHistory(pool, { books: 3, days: 60, storesPerBook: 3 });
      expect(observations).toBeGreaterThanOrEqual(3 * 60 * 2);
      expect((await generatePriceHistory(pool, { books: 3, days: 60, storesPerBook: 3 })).observations).toBeLessThan(observations); // the 4th book only
    } finally {
      await pool.end();
    }
    const top = books[0]!;
    const { rows: stores } = await sql<{ storeId: number }>`SELECT DISTINCT store_id FROM price_observations WHERE book_id = ${top.id}`.execute(t.app.db);
    expect(stores.length).toBeGreaterThanOrEqual(2);
    const range = { from: new Date(Date.now() - 70 * 86_400_000), to: new Date(Date.now() - 86_400_000) };
    for (const { storeId } of stores) {
      const points = await priceHistoryPoints(t.app.db, top.id, storeId, 'DAY', range);
      expect(points.length).toBeGreaterThanOrEqual(59);
      const raw = await sql<{ total: number }>`
        SELECT (price_cents + shipping_cents)::int AS total FROM price_observations
        WHERE book_id = ${top.id} AND store_id = ${storeId} AND observed_at < current_date ORDER BY observed_at`.execute(t.app.db);
      expect(points.map((point) => point.closeCents)).toEqual(raw.rows.slice(-points.length).map((row) => row.total));
      for (const point of points) expect(point).toMatchObject({ samples: 1, openCents: point.closeCents, lowCents: point.closeCents });
    }
    const across = await priceHistoryPoints(t.app.db, top.id, null, 'WEEK', range);
    expect(across.length).toBeGreaterThanOrEqual(8);
  });

  it("ends each store's line at, or one repricing from, the price that store has now, at stores that carry the book", async () => {
    const sim = await startSimulator({ seed: 5, stores: 30 });
    const pool = createPool({ connectionString: t.databaseUrl, poolSize: 2 });
    try {
      await t.app.services.stores.syncFromNetwork(sim.url);
      const book = await createBook(t.app.db, { title: 'Anchored history', demandScore: 10_000 });
      // The network lists the dearest stores first: the cheapest must still be among the few drawn.
      const dearestFirst = (quote: { priceCents: number; shippingCents: number; inStock: boolean }) =>
        quote.inStock ? quote.priceCents + quote.shippingCents : 0;
      const currentPrices = async (isbns: string[]) =>
        new Map([...(await currentQuotes(sim.url, isbns))].map(([isbn, quotes]) => [isbn, [...quotes].sort((a, b) => dearestFirst(b) - dearestFirst(a))]));
      await generatePriceHistory(pool, { books: 1, days: 30, storesPerBook: 2, currentPrices });
      const now = (await currentQuotes(sim.url, [book.isbn13])).get(book.isbn13)!;
      const { rows } = await sql<{ slug: string; price: number; shipping: number; inStock: boolean }>`
        SELECT DISTINCT ON (s.slug) s.slug, o.price_cents::int AS price, o.shipping_cents::int AS shipping, o.in_stock AS "inStock"
        FROM price_observations o JOIN stores s ON s.id = o.store_id WHERE o.book_id = ${book.id}
        ORDER BY s.slug, o.observed_at DESC`.execute(t.app.db);
      expect(now.length).toBeGreaterThan(2);
      expect(rows.length).toBe(2);
      for (const row of rows) {
        const quote = now.find((candidate) => candidate.store === row.slug)!;
        expect(quote).toBeDefined();
        // Yesterday's price is today's, or today's before one repricing of at most 6 %.
        expect(Math.abs(row.price - quote.priceCents)).toBeLessThanOrEqual(Math.ceil(quote.priceCents * 0.062));
        expect(row).toMatchObject({ shipping: quote.shippingCents, inStock: quote.inStock });
      }
      // The store cheapest now is among them: the lowest-across-stores line leads to today's best price.
      const landed = (quote: { priceCents: number; shippingCents: number; inStock: boolean }) =>
        quote.inStock ? quote.priceCents + quote.shippingCents : Infinity;
      const cheapest = now.reduce((best, quote) => (landed(quote) < landed(best) ? quote : best));
      expect(rows.map((row) => row.slug)).toContain(cheapest.store);
    } finally {
      await pool.end();
      await sim.close();
    }
  });
});
