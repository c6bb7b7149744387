import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Observation, recordObservations } from '../../src/resolvers/pricing/offer-repository.js';
import { type Granularity, priceHistoryPoints } from '../../src/resolvers/pricing/price-history.js';
import { Random } from '../../src/seed/random.js';
import { createBook, createStore } from '../factories/catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let book: { id: number; isbn13: string };
let storeA: { id: number };
let storeB: { id: number };
const DAY = 86_400_000;
const START = Date.UTC(2024, 10, 25);
const DAYS = 730;

/** Two years of a random walk: store A daily (twice on every tenth day), store B every third day. */
async function writeTwoYears() {
  const random = new Random(7);
  let price = 2_000;
  for (let day = 0; day < DAYS; day++) {
    price = Math.max(300, Math.round(price * (1 + (random.next() - 0.5) * 0.06)));
    const at = new Date(START + day * DAY + ((day * 7) % 24) * 3_600_000);
    const batch: Observation[] = [observation(storeA.id, price, 299, at)];
    if (day % 3 === 0) batch.push(observation(storeB.id, price + 150, 0, new Date(at.getTime() + 60_000), day % 9 !== 0));
    await t.app.db.transaction().execute((trx) => recordObservations(trx, book.id, batch));
    if (day % 10 === 0) {
      const later = new Date(at.getTime() + 3 * 3_600_000);
      await t.app.db.transaction().execute((trx) => recordObservations(trx, book.id, [observation(storeA.id, price - 40, 299, later)]));
    }
  }
}

function observation(storeId: number, priceCents: number, shippingCents: number, observedAt: Date, inStock = true): Observation {
  return { storeId, priceCents, shippingCents, currency: 'USD', inStock, observedAt, source: 'CRAWL' };
}

beforeAll(async () => {
  t = await startTestApp();
  book = await createBook(t.app.db, { title: 'Two Years of Prices' });
  storeA = await createStore(t.app.db, 'history-a');
  storeB = await createStore(t.app.db, 'history-b');
  await writeTwoYears();
}, 60_000);
afterAll(() => t.close());

/** The same candles computed straight from the raw observations. */
async function fromRawObservations(storeId: number, unit: string) {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT date_trunc(${sql.lit(unit)}, observed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS bucket,
           (array_agg(price_cents + shipping_cents ORDER BY observed_at))[1] AS open_cents,
           max(price_cents + shipping_cents) AS high_cents,
           min(price_cents + shipping_cents) AS low_cents,
           (array_agg(price_cents + shipping_cents ORDER BY observed_at DESC))[1] AS close_cents,
           round(avg(price_cents + shipping_cents))::bigint AS average_cents,
           count(*)::int AS samples
    FROM price_observations WHERE book_id = ${book.id} AND store_id = ${storeId}
    GROUP BY 1 ORDER BY 1`.execute(t.app.db);
  return rows;
}

const everything = { from: new Date(START - DAY), to: new Date(START + (DAYS + 1) * DAY) };

describe('price history', () => {
  for (const granularity of ['DAY', 'WEEK', 'MONTH'] as Granularity[]) {
    it(`${granularity} candles from the rollups agree with the raw observations, for each store`, async () => {
      for (const store of [storeA, storeB]) {
        const points = await priceHistoryPoints(t.app.db, book.id, store.id, granularity, everything);
        const expected = await fromRawObservations(store.id, granularity.toLowerCase());
        expect(points.length).toBe(expected.length);
        expect(points).toEqual(expected);
      }
    });
  }

  it('answers the cross-store lowest price, the 30-day figures and the deal verdict through the API', async () => {
    const { data, errors } = await t.execute<{ book: { priceHistory: any } }>(
      `query ($isbn: String!, $from: DateTime!, $to: DateTime!) { book(isbn: $isbn) { priceHistory(from: $from, to: $to, granularity: MONTH) {
         points { bucket low { cents } high { cents } samples } allTimeLow { cents } allTimeHigh { cents } lowest30d { cents } average30d { cents } current { cents } isGoodDeal } } }`,
      { isbn: book.isbn13, from: everything.from.toISOString(), to: everything.to.toISOString() },
    );
    expect(errors).toBeUndefined();
    const history = data!.book.priceHistory;
    expect(history.points.length).toBeGreaterThanOrEqual(24);
    const lows = history.points.map((point: any) => point.low.cents);
    expect(history.allTimeLow.cents).toBe(Math.min(...lows));
    const raw = await sql<{ low: number; high: number }>`
      SELECT min(price_cents + shipping_cents)::int AS low, max(price_cents + shipping_cents)::int AS high
      FROM price_observations WHERE book_id = ${book.id} AND in_stock`.execute(t.app.db);
    expect(history.allTimeLow.cents).toBeGreaterThanOrEqual(raw.rows[0]!.low); // the lowest across stores at each refresh
    expect(history.allTimeHigh.cents).toBeLessThanOrEqual(raw.rows[0]!.high);
    // The two years end today: the 30-day figures are those of the last 30 days' cross-store candles.
    const recent = await sql<{ low: number; average: number }>`
      SELECT min(low_cents)::int AS low, round(sum(sum_cents)::numeric / sum(samples))::int AS average
      FROM book_price_daily WHERE book_id = ${book.id} AND day > current_date - 30`.execute(t.app.db);
    expect(history.lowest30d.cents).toBe(recent.rows[0]!.low);
    expect(history.average30d.cents).toBe(recent.rows[0]!.average);
    const current = history.current.cents;
    expect(history.isGoodDeal).toBe(current <= recent.rows[0]!.low || current <= recent.rows[0]!.average * 0.85);
  });

  it('an empty range gives no points; a book with one observation gives one flat candle', async () => {
    expect(await priceHistoryPoints(t.app.db, book.id, storeA.id, 'DAY', { from: new Date(START - 40 * DAY), to: new Date(START - 20 * DAY) })).toEqual([]);
    const lonely = await createBook(t.app.db, { title: 'One Price Only' });
    const at = new Date();
    await t.app.db.transaction().execute((trx) => recordObservations(trx, lonely.id, [observation(storeA.id, 1234, 0, at)]));
    for (const granularity of ['HOUR', 'DAY', 'WEEK', 'MONTH'] as Granularity[]) {
      const points = await priceHistoryPoints(t.app.db, lonely.id, null, granularity, { from: new Date(at.getTime() - DAY), to: new Date(at.getTime() + DAY) });
      expect(points).toHaveLength(1);
      expect(points[0]).toMatchObject({ openCents: 1234, highCents: 1234, lowCents: 1234, closeCents: 1234, averageCents: 1234, samples: 1 });
    }
    const { data } = await t.execute<{ book: { priceHistory: any } }>(
      `{ book(isbn: "${lonely.isbn13}") { priceHistory { lowest30d { cents } average30d { cents } current { cents } isGoodDeal } } }`,
    );
    // One day of prices is too little to call anything a good deal.
    expect(data!.book.priceHistory).toEqual({ lowest30d: { cents: 1234 }, average30d: { cents: 1234 }, current: { cents: 1234 }, isGoodDeal: null });
  });

  it('refuses a range its granularity does not serve, and a reversed one', async () => {
    const hourly = await t.execute(
      `{ book(isbn: "${book.isbn13}") { priceHistory(granularity: HOUR, from: "2025-01-01T00:00:00Z", to: "2025-06-01T00:00:00Z") { points { samples } } } }`,
    );
    expect(hourly.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(hourly.errors?.[0]?.message).toContain('31 days');
    const reversed = await t.execute(
      `{ book(isbn: "${book.isbn13}") { priceHistory(from: "2026-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z") { points { samples } } } }`,
    );
    expect(reversed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
