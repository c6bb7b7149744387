import type pg from 'pg';

export interface HistoryOptions {
  /** The most popular books get a history. */
  books: number;
  /** Days back from today. */
  days: number;
  /** Partner stores per book that carried it over the period. */
  storesPerBook: number;
}

/**
 * Gives the catalogue's most popular books a past: one observation a day per store, a random walk of
 * the landed price around the book's list price, for `days` back to yesterday. The daily rollups are
 * then built from those very observations, exactly as the live write path would have, so history
 * queries and rollups agree. Books that already have history are left alone; runs in SQL.
 */
export async function generatePriceHistory(pool: pg.Pool, options: HistoryOptions): Promise<{ observations: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`
      CREATE TEMP TABLE history_books ON COMMIT DROP AS
      SELECT b.id AS book_id, coalesce(b.list_price_cents, 1999) AS base
      FROM books b
      WHERE NOT EXISTS (SELECT 1 FROM price_daily d WHERE d.book_id = b.id)
      ORDER BY b.demand_score DESC, b.id LIMIT $1::int`, [options.books]);
    await client.query(`
      CREATE TEMP TABLE history_stores ON COMMIT DROP AS
      SELECT id AS store_id, row_number() OVER (ORDER BY id) AS n, coalesce(shipping_fee_cents, 0) AS fee
      FROM stores WHERE kind = 'PARTNER' AND enabled`);
    // A walk per (book, store): the day's price is the base moved by a running sum of small steps.
    const inserted = await client.query(`
      INSERT INTO price_observations (book_id, store_id, observed_at, price_cents, shipping_cents, in_stock, source)
      SELECT w.book_id, w.store_id, w.at, w.price, w.fee, w.in_stock, 'CRAWL'
      FROM (
        SELECT h.book_id, s.store_id, s.fee,
               (current_date - g.day) + make_interval(hours => ((h.book_id + s.n * 7 + g.day) % 24)::int) AS at,
               greatest(199, round(h.base * (0.85 + 0.1 * ((h.book_id + s.n) % 5) / 4.0)
                 * exp(sum((random() - 0.5) * 0.04) OVER (PARTITION BY h.book_id, s.store_id ORDER BY g.day DESC))))::bigint AS price,
               random() > 0.05 AS in_stock
        FROM history_books h
        JOIN history_stores s ON (h.book_id + s.n) % greatest(1, (SELECT count(*) FROM history_stores) / $1::int) = 0 OR s.n <= 1
        CROSS JOIN generate_series(1, $2::int) AS g(day)
      ) w`, [options.storesPerBook, options.days]);
    await client.query(`
      INSERT INTO price_daily (book_id, store_id, day, open_cents, high_cents, low_cents, close_cents, sum_cents, samples, first_at, last_at)
      SELECT book_id, store_id, (observed_at AT TIME ZONE 'UTC')::date,
             (array_agg(price_cents + shipping_cents ORDER BY observed_at))[1], max(price_cents + shipping_cents), min(price_cents + shipping_cents),
             (array_agg(price_cents + shipping_cents ORDER BY observed_at DESC))[1], sum(price_cents + shipping_cents), count(*),
             min(observed_at), max(observed_at)
      FROM price_observations WHERE book_id IN (SELECT book_id FROM history_books) AND observed_at < current_date
      GROUP BY 1, 2, 3
      ON CONFLICT DO NOTHING`);
    // Across stores: the day's lowest in-stock landed price, sampled once a day.
    await client.query(`
      INSERT INTO book_price_daily (book_id, day, open_cents, high_cents, low_cents, close_cents, sum_cents, samples, first_at, last_at)
      SELECT book_id, day, low, low, low, low, low, 1, at, at
      FROM (
        SELECT book_id, (observed_at AT TIME ZONE 'UTC')::date AS day, min(price_cents + shipping_cents) AS low, max(observed_at) AS at
        FROM price_observations WHERE book_id IN (SELECT book_id FROM history_books) AND in_stock AND observed_at < current_date
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
