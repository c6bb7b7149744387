import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { InvalidInputError } from '../../lib/errors.js';

export type Granularity = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH';

export interface PricePoint {
  bucket: Date;
  openCents: number;
  highCents: number;
  lowCents: number;
  closeCents: number;
  averageCents: number;
  samples: number;
}

export interface PriceSummary {
  allTimeLowCents: number | null;
  allTimeHighCents: number | null;
  average30dCents: number | null;
  lowest30dCents: number | null;
  /** Days of the last 30 with a recorded price. */
  days30d: number;
}

/** Fewer days of prices than this in the last 30 are too little to call a price a good deal. */
const DEAL_MIN_DAYS = 7;

const DAY_MS = 86_400_000;
/** The widest range each granularity answers, so no request reads without bound. */
const MAX_RANGE_DAYS: Record<Granularity, number> = { HOUR: 31, DAY: 3 * 366, WEEK: 20 * 366, MONTH: 50 * 366 };
/** The range asked for when `from` is left out. */
const DEFAULT_RANGE_DAYS: Record<Granularity, number> = { HOUR: 2, DAY: 90, WEEK: 2 * 365, MONTH: 5 * 365 };

export function historyRange(granularity: Granularity, from: Date | null | undefined, to: Date | null | undefined): { from: Date; to: Date } {
  const end = to ?? new Date();
  const start = from ?? new Date(end.getTime() - DEFAULT_RANGE_DAYS[granularity] * DAY_MS);
  if (start > end) throw new InvalidInputError('from must not be after to', { field: 'from' });
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS[granularity] * DAY_MS) {
    throw new InvalidInputError(`${granularity} history covers at most ${MAX_RANGE_DAYS[granularity]} days; use a coarser granularity for longer ranges`, {
      field: 'from',
    });
  }
  return { from: start, to: end };
}

/**
 * Candles of landed prices (price + shipping) for one store, or for the lowest in-stock price across
 * stores. DAY, WEEK and MONTH read the daily rollups (never raw observations); HOUR reads the raw
 * observations, which is why its range is limited to a month.
 */
export async function priceHistoryPoints(
  db: Kysely<Database>,
  bookId: number,
  storeId: number | null,
  granularity: Granularity,
  range: { from: Date; to: Date },
): Promise<PricePoint[]> {
  if (granularity === 'HOUR') return hourlyPoints(db, bookId, storeId, range);
  const unit = sql.lit(granularity.toLowerCase());
  const table = storeId === null ? sql`book_price_daily` : sql`price_daily`;
  const storeFilter = storeId === null ? sql`` : sql`AND store_id = ${storeId}`;
  const { rows } = await sql<PricePoint>`
    SELECT date_trunc(${unit}, day::timestamp) AT TIME ZONE 'UTC' AS bucket,
           (array_agg(open_cents ORDER BY first_at))[1] AS open_cents,
           max(high_cents) AS high_cents,
           min(low_cents) AS low_cents,
           (array_agg(close_cents ORDER BY last_at DESC))[1] AS close_cents,
           round(sum(sum_cents)::numeric / sum(samples))::bigint AS average_cents,
           sum(samples)::int AS samples
    FROM ${table}
    WHERE book_id = ${bookId} ${storeFilter}
      AND day BETWEEN (${range.from.toISOString()}::timestamptz AT TIME ZONE 'UTC')::date
                  AND (${range.to.toISOString()}::timestamptz AT TIME ZONE 'UTC')::date
    GROUP BY 1 ORDER BY 1`.execute(db);
  return rows;
}

/**
 * Hourly candles from raw observations. For one store: its observations. Across stores: every in-stock
 * observation of any store (low is the lowest price seen anywhere that hour).
 */
async function hourlyPoints(db: Kysely<Database>, bookId: number, storeId: number | null, range: { from: Date; to: Date }): Promise<PricePoint[]> {
  const storeFilter = storeId === null ? sql`AND in_stock` : sql`AND store_id = ${storeId}`;
  const { rows } = await sql<PricePoint>`
    SELECT date_trunc('hour', observed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS bucket,
           (array_agg(price_cents + shipping_cents ORDER BY observed_at))[1] AS open_cents,
           max(price_cents + shipping_cents) AS high_cents,
           min(price_cents + shipping_cents) AS low_cents,
           (array_agg(price_cents + shipping_cents ORDER BY observed_at DESC))[1] AS close_cents,
           round(avg(price_cents + shipping_cents))::bigint AS average_cents,
           count(*)::int AS samples
    FROM price_observations
    WHERE book_id = ${bookId} ${storeFilter}
      AND observed_at >= ${range.from.toISOString()}::timestamptz AND observed_at <= ${range.to.toISOString()}::timestamptz
    GROUP BY 1 ORDER BY 1`.execute(db);
  return rows;
}

/** All-time extremes and the last 30 days' low and average (the "prior 30 days" price EU rules ask for), from rollups. */
export async function priceSummary(db: Kysely<Database>, bookId: number, storeId: number | null): Promise<PriceSummary> {
  const table = storeId === null ? sql`book_price_daily` : sql`price_daily`;
  const storeFilter = storeId === null ? sql`` : sql`AND store_id = ${storeId}`;
  const { rows } = await sql<PriceSummary>`
    SELECT min(low_cents) AS all_time_low_cents,
           max(high_cents) AS all_time_high_cents,
           round(sum(sum_cents) FILTER (WHERE day > current_date - 30)::numeric
                 / nullif(sum(samples) FILTER (WHERE day > current_date - 30), 0))::bigint AS average30d_cents,
           min(low_cents) FILTER (WHERE day > current_date - 30) AS lowest30d_cents,
           count(DISTINCT day) FILTER (WHERE day > current_date - 30)::int AS days30d
    FROM ${table} WHERE book_id = ${bookId} ${storeFilter}`.execute(db);
  return rows[0] ?? { allTimeLowCents: null, allTimeHighCents: null, average30dCents: null, lowest30dCents: null, days30d: 0 };
}

/**
 * A good deal: at or below the lowest price of the last 30 days, or at least 15 % below their average.
 * Null while there is no current price, or under a week of prices to judge it by (a book first seen
 * today is at its own 30-day low, which says nothing).
 */
export function isGoodDeal(currentCents: number | null, summary: PriceSummary): boolean | null {
  if (currentCents === null || summary.lowest30dCents === null || summary.average30dCents === null) return null;
  if (summary.days30d < DEAL_MIN_DAYS) return null;
  return currentCents <= summary.lowest30dCents || currentCents <= summary.average30dCents * 0.85;
}

/** The history a book page charts, per store or across all of them. */
export function createPriceHistory(db: Kysely<Database>) {
  return {
    points: (bookId: number, storeId: number | null, granularity: Granularity, range: { from: Date; to: Date }) =>
      priceHistoryPoints(db, bookId, storeId, granularity, range),
    summary: (bookId: number, storeId: number | null) => priceSummary(db, bookId, storeId),
  };
}
