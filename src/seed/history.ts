import type pg from 'pg';
import type { StoreQuote } from '../simulator/admin-client.js';

export interface HistoryOptions {
  /** The most popular books get a history. */
  books: number;
  /** Days back from today. */
  days: number;
  /** Partner stores per book that carried it over the period. */
  storesPerBook: number;
  /**
   * The stores' prices now (a partner network's ground truth): each store's history then ends at the
   * price it has today, at the stores that carry the book. Without it, stores and prices are made up.
   */
  currentPrices?: (isbns: string[]) => Promise<Map<string, StoreQuote[]>>;
}

interface HistoryPair {
  bookId: number;
  storeId: number;
  priceCents: number;
  shippingCents: number;
  inStock: boolean;
}

/** Share of days on which a store repriced a book, and the spread of such a change. */
const REPRICED_DAYS = 0.3;
const CHANGE_SPREAD = 0.12;

/**
 * Gives the catalogue's most popular books a past: one observation a day per store for `days` back to
 * yesterday, prices that stay put for days and then move, reaching the store's price now (some moved it
 * today, as stores do, so the first morning already has drops and new lows to show). The daily
 * rollups are then built from those very observations, exactly as the live write path would have, so
 * history queries and rollups agree. Books that already have history are left alone.
 */
export async function generatePriceHistory(pool: pg.Pool, options: HistoryOptions): Promise<{ observations: number }> {
  const pairs = await historyPairs(pool, options);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `
      CREATE TEMP TABLE history_pairs ON COMMIT DROP AS
      SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::boolean[])
        AS p(book_id, store_id, price_cents, shipping_cents, in_stock)
      WHERE NOT EXISTS (SELECT 1 FROM price_daily d WHERE d.book_id = p.book_id)`,
      [pairs.map((p) => p.bookId), pairs.map((p) => p.storeId), pairs.map((p) => p.priceCents), pairs.map((p) => p.shippingCents), pairs.map((p) => p.inStock)],
    );
    // Walked back from today: the day's price is today's moved by the changes made since that day, today's
    // included (step 1), so yesterday's close differs from today's price where a store repriced today.
    const inserted = await client.query(
      `
      INSERT INTO price_observations (book_id, store_id, observed_at, price_cents, shipping_cents, in_stock, source)
      SELECT book_id, store_id, at, price, shipping_cents, in_stock, 'CRAWL'
      FROM (
        SELECT p.book_id, p.store_id, p.shipping_cents,
               (current_date - s.day) + make_interval(hours => ((p.book_id + p.store_id + s.day) % 24)::int) AS at,
               greatest(99, round(p.price_cents * exp(coalesce(sum(s.step) OVER (
                 PARTITION BY p.book_id, p.store_id ORDER BY s.day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), 0))))::bigint AS price,
               CASE WHEN s.day = 1 THEN p.in_stock ELSE random() > 0.05 END AS in_stock
        FROM history_pairs p
        -- Refers to the pair (the WHERE below), so PostgreSQL draws the steps anew for each pair, not once for all.
        CROSS JOIN LATERAL (
          SELECT g.day, CASE WHEN random() < ${REPRICED_DAYS} THEN (random() - 0.5) * ${CHANGE_SPREAD} ELSE 0 END AS step
          FROM generate_series(1, $1::int) AS g(day) WHERE p.book_id IS NOT NULL
        ) s
      ) w`,
      [options.days],
    );
    await client.query(`
      INSERT INTO price_daily (book_id, store_id, day, open_cents, high_cents, low_cents, close_cents, sum_cents, samples, first_at, last_at)
      SELECT book_id, store_id, (observed_at AT TIME ZONE 'UTC')::date,
             (array_agg(price_cents + shipping_cents ORDER BY observed_at))[1], max(price_cents + shipping_cents), min(price_cents + shipping_cents),
             (array_agg(price_cents + shipping_cents ORDER BY observed_at DESC))[1], sum(price_cents + shipping_cents), count(*),
             min(observed_at), max(observed_at)
      FROM price_observations WHERE book_id IN (SELECT book_id FROM history_pairs) AND observed_at < current_date
      GROUP BY 1, 2, 3
      ON CONFLICT DO NOTHING`);
    // Across stores: the day's lowest in-stock landed price, sampled once a day.
    await client.query(`
      INSERT INTO book_price_daily (book_id, day, open_cents, high_cents, low_cents, close_cents, sum_cents, samples, first_at, last_at)
      SELECT book_id, day, low, low, low, low, low, 1, at, at
      FROM (
        SELECT book_id, (observed_at AT TIME ZONE 'UTC')::date AS day, min(price_cents + shipping_cents) AS low, max(observed_at) AS at
        FROM price_observations WHERE book_id IN (SELECT book_id FROM history_pairs) AND in_stock AND observed_at < current_date
        GROUP BY 1, 2
      ) lows
      ON CONFLICT DO NOTHING`);
    await client.query('COMMIT');
    return { observations: inserted.rowCount ?? 0 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The (book, store) pairs to give a past, read before the writing transaction (it never waits on the network). */
async function historyPairs(pool: pg.Pool, options: HistoryOptions): Promise<HistoryPair[]> {
  const { rows: books } = await pool.query<{ id: string; isbn13: string; base: string }>(
    `
    SELECT b.id, b.isbn13, coalesce(b.list_price_cents, 1999) AS base FROM books b
    WHERE NOT EXISTS (SELECT 1 FROM price_daily d WHERE d.book_id = b.id)
    ORDER BY b.demand_score DESC, b.id LIMIT $1::int`,
    [options.books],
  );
  const { rows: stores } = await pool.query<{ id: string; slug: string; fee: string }>(
    `SELECT id, slug, coalesce(shipping_fee_cents, 0) AS fee FROM stores WHERE kind = 'PARTNER' AND enabled ORDER BY id`,
  );
  if (stores.length === 0) return [];
  const perBook = Math.min(options.storesPerBook, stores.length);
  if (!options.currentPrices) {
    // Made up: a few stores per book at prices around its list price.
    return books.flatMap((book, index) =>
      Array.from({ length: perBook }, (_, k) => {
        const store = stores[(index + k * Math.max(1, Math.floor(stores.length / perBook))) % stores.length]!;
        return {
          bookId: Number(book.id),
          storeId: Number(store.id),
          priceCents: Math.round(Number(book.base) * (0.85 + 0.025 * ((index + k) % 5))),
          shippingCents: Number(store.fee),
          inStock: true,
        };
      }),
    );
  }
  const quotes = await options.currentPrices(books.map((book) => book.isbn13));
  const storeIds = new Map(stores.map((store) => [store.slug, Number(store.id)]));
  return books.flatMap((book, index) => {
    const carried = (quotes.get(book.isbn13) ?? []).filter((quote) => storeIds.has(quote.store));
    // The cheapest store now always has a history, so the lowest-across-stores line ends at today's best
    // price (no cliff where the chart meets live prices); then a different few stores for each book, so
    // every store has some history to show.
    const landed = (quote: StoreQuote) => (quote.inStock ? quote.priceCents + quote.shippingCents : Infinity);
    const cheapest = carried.reduce<StoreQuote | undefined>((best, quote) => (!best || landed(quote) < landed(best) ? quote : best), undefined);
    const others = carried.filter((quote) => quote !== cheapest);
    const shift = index % Math.max(1, others.length);
    const rotated = [...(cheapest ? [cheapest] : []), ...others.slice(shift), ...others.slice(0, shift)];
    return rotated.slice(0, perBook).map((quote) => ({
      bookId: Number(book.id),
      storeId: storeIds.get(quote.store)!,
      priceCents: quote.priceCents,
      shippingCents: quote.shippingCents,
      inStock: quote.inStock,
    }));
  });
}
