import { type Kysely, sql } from 'kysely';
import type { Database, Transaction } from '../../db/database.js';

export type DealKind = 'BIGGEST_DROPS' | 'LOWEST_IN_30_DAYS' | 'RECENTLY_WATCHED';

/** One book on a deal list, with what makes it a deal. */
export interface DealRow {
  bookId: number;
  /** The lowest in-stock landed total now (null: none in stock, or not priced yet). */
  currentCents: number | null;
  /** What the price is compared with: yesterday's close (drops), the 30-day average (lows). */
  referenceCents: number | null;
  /** The fall from the reference, in hundredths of a percent. */
  basisPoints: number | null;
  /** When the price last changed, or (watched books) when shoppers began watching the book. */
  since: Date;
  /** Orders the list with bookId; a page's cursor is the last row's pair. */
  sortKey: number;
}

/** Where a page starts: the sort key of the last row shown. */
export interface DealCursor {
  key: number;
  bookId: number;
}

/**
 * Keeps a book's deal row in step with its lowest total, inside the transaction that rolls up its day.
 * The month's figures (yesterday's close, 30-day low and average) are read once per book per day; every
 * other change of price is one UPDATE.
 */
export async function recordDealPrice(trx: Transaction, bookId: number, lowestCents: number | null, at: Date): Promise<void> {
  const day = at.toISOString().slice(0, 10);
  const changedAt = at.toISOString();
  const updated = await sql`
    UPDATE book_deals SET current_cents = ${lowestCents}::bigint,
      changed_at = CASE WHEN current_cents IS DISTINCT FROM ${lowestCents}::bigint THEN ${changedAt}::timestamptz ELSE changed_at END
    WHERE book_id = ${bookId} AND day = ${day}::date`.execute(trx);
  if (Number(updated.numAffectedRows ?? 0) > 0) return;
  await sql`
    INSERT INTO book_deals (book_id, day, current_cents, changed_at, previous_cents, month_low_cents, month_average_cents, month_days)
    SELECT ${bookId}, ${day}::date, ${lowestCents}::bigint, ${changedAt}::timestamptz, past.previous, past.low, past.average, past.days
    FROM (
      SELECT (array_agg(close_cents ORDER BY day DESC))[1] AS previous, min(low_cents) AS low,
             round(avg(close_cents))::bigint AS average, count(*)::integer AS days
      FROM book_price_daily WHERE book_id = ${bookId} AND day >= ${day}::date - 30 AND day < ${day}::date) past
    ON CONFLICT (book_id) DO UPDATE SET day = EXCLUDED.day, current_cents = EXCLUDED.current_cents,
      changed_at = CASE WHEN book_deals.current_cents IS DISTINCT FROM EXCLUDED.current_cents THEN EXCLUDED.changed_at ELSE book_deals.changed_at END,
      previous_cents = EXCLUDED.previous_cents, month_low_cents = EXCLUDED.month_low_cents,
      month_average_cents = EXCLUDED.month_average_cents, month_days = EXCLUDED.month_days`.execute(trx);
}

/**
 * The two lists read from book_deals, each told by its ranking column, what its price is compared with
 * and which rows count: drops are today's (against yesterday's close); a low stands while the book's
 * figures are recent. Pages and counts read the same description.
 */
function priceList(kind: Exclude<DealKind, 'RECENTLY_WATCHED'>, today: string) {
  return kind === 'BIGGEST_DROPS'
    ? { basis: sql.ref('drop_basis_points'), reference: sql.ref('previous_cents'), days: sql`day = ${today}::date` }
    : { basis: sql.ref('below_average_basis_points'), reference: sql.ref('month_average_cents'), days: sql`day > ${today}::date - 7` };
}

/** A page of one deal list, best first; each list is a walk of its own partial index. */
export async function findDeals(db: Kysely<Database>, kind: DealKind, after: DealCursor | null, limit: number, today: string): Promise<DealRow[]> {
  if (kind === 'RECENTLY_WATCHED') return findRecentlyWatched(db, after, limit);
  const { basis, reference, days } = priceList(kind, today);
  const { rows } = await sql<DealRow>`
    SELECT book_id, current_cents, ${reference} AS reference_cents, ${basis} AS basis_points, changed_at AS since, ${basis} AS sort_key
    FROM book_deals
    WHERE ${days} AND ${basis} > 0 ${after ? sql`AND (${basis}, book_id) < (${after.key}, ${after.bookId})` : sql``}
    ORDER BY ${basis} DESC, book_id DESC
    LIMIT ${limit}`.execute(db);
  return rows;
}

export async function countDeals(db: Kysely<Database>, kind: DealKind, today: string): Promise<number> {
  let query = sql<{ n: number }>`SELECT count(*)::int AS n FROM watched_books WHERE ${watchedForPrice}`;
  if (kind !== 'RECENTLY_WATCHED') {
    const { basis, days } = priceList(kind, today);
    query = sql<{ n: number }>`SELECT count(*)::int AS n FROM book_deals WHERE ${days} AND ${basis} > 0`;
  }
  const { rows } = await query.execute(db);
  return rows[0]?.n ?? 0;
}

/** Books some alert or auto-buy watches for a price (a cart line alone is not watching). */
const watchedForPrice = sql`(fires_at_or_below_cents IS NOT NULL OR fires_at_or_above_cents IS NOT NULL)`;

const sinceMicros = sql`(extract(epoch FROM w.since) * 1000000)::bigint`;

async function findRecentlyWatched(db: Kysely<Database>, after: DealCursor | null, limit: number): Promise<DealRow[]> {
  const { rows } = await sql<DealRow>`
    SELECT w.book_id, d.current_cents, NULL::bigint AS reference_cents, NULL::integer AS basis_points, w.since,
           ${sinceMicros} AS sort_key
    FROM watched_books w LEFT JOIN book_deals d ON d.book_id = w.book_id
    WHERE ${watchedForPrice} ${after ? sql`AND (w.since, w.book_id) < (timestamptz 'epoch' + ${after.key}::bigint * interval '1 microsecond', ${after.bookId})` : sql``}
    ORDER BY w.since DESC, w.book_id DESC
    LIMIT ${limit}`.execute(db);
  return rows;
}
