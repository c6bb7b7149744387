import { type Kysely, sql } from 'kysely';
import type { Database, OfferSource, Transaction } from '../../db/database.js';
import type { OfferEvent } from '../../lib/events.js';
import { queueEvaluation } from '../alerts/alert-evaluation.js';
import { recordDealPrice } from './deal-repository.js';

export interface Observation {
  storeId: number;
  priceCents: number;
  shippingCents: number;
  currency: string;
  inStock: boolean;
  observedAt: Date;
  source: OfferSource;
}

export interface OfferRow {
  bookId: number;
  storeId: number;
  priceCents: number;
  shippingCents: number;
  currency: string;
  inStock: boolean;
  fetchedAt: Date;
  source: OfferSource;
}

/** Offers travel as JSON (events, the Redis cache, purchase snapshots) with the time as a string. */
export function offerFromJson(offer: OfferEvent): OfferRow {
  return { ...offer, fetchedAt: new Date(offer.fetchedAt) };
}

export function offerToJson(offer: OfferRow): OfferEvent {
  return { ...offer, fetchedAt: offer.fetchedAt.toISOString() };
}

export interface RecordResult {
  /** Stores whose price or availability differs from what Folio held before. */
  changedStoreIds: number[];
}

/**
 * Records what stores said about one book, all or nothing: current offers, the history, the daily
 * rollups (per store and across stores), the book's searchable best price, and an evaluate_alerts
 * job when anything changed. Requires a transaction so no caller can half-write a refresh.
 * `history: false` (shoppers' price reports) updates offers and alerts only: history and rollups
 * hold what stores themselves said, so a report proven wrong leaves no trace in them.
 */
export async function recordObservations(
  trx: Transaction,
  bookId: number,
  observations: readonly Observation[],
  absentStoreIds: readonly number[] = [],
  options: { history: boolean } = { history: true },
): Promise<RecordResult> {
  const changedAbsent = await recordAbsences(trx, bookId, absentStoreIds, observations);
  if (observations.length === 0) {
    if (changedAbsent.length > 0) await rollUpBookDay(trx, bookId, new Date());
    return { changedStoreIds: changedAbsent };
  }
  const sorted = latestPerStore(observations);
  const storeIds = sorted.map((o) => o.storeId);
  // Row locks in store order: concurrent refreshes of one book queue instead of deadlocking.
  const previous = await sql<{ storeId: number; priceCents: number; inStock: boolean }>`
    SELECT store_id, price_cents, in_stock FROM offers
    WHERE book_id = ${bookId} AND store_id = any(${storeIds}::int[]) ORDER BY store_id FOR UPDATE`.execute(trx);
  const before = new Map(previous.rows.map((row) => [row.storeId, row]));
  const changedStoreIds = sorted
    .filter((o) => {
      const old = before.get(o.storeId);
      return !old || old.priceCents !== o.priceCents || old.inStock !== o.inStock;
    })
    .map((o) => o.storeId);

  const values = columnOf(sorted);
  await sql`
    INSERT INTO offers (book_id, store_id, price_cents, shipping_cents, currency, in_stock, fetched_at, source)
    SELECT ${bookId}, s, p, sh, c, i, t, src
    FROM unnest(${values((o) => o.storeId, 'int')}, ${values((o) => o.priceCents, 'bigint')}, ${values((o) => o.shippingCents, 'bigint')},
                ${values((o) => o.currency, 'text')}, ${values((o) => o.inStock, 'boolean')}, ${values((o) => o.observedAt.toISOString(), 'timestamptz')},
                ${values((o) => o.source, 'text')})
         AS u(s, p, sh, c, i, t, src)
    ON CONFLICT (book_id, store_id) DO UPDATE SET
      price_cents = EXCLUDED.price_cents, shipping_cents = EXCLUDED.shipping_cents, currency = EXCLUDED.currency, in_stock = EXCLUDED.in_stock,
      fetched_at = EXCLUDED.fetched_at, source = EXCLUDED.source
    WHERE offers.fetched_at <= EXCLUDED.fetched_at`.execute(trx);
  if (options.history) await recordHistory(trx, bookId, sorted);

  changedStoreIds.push(...changedAbsent);
  if (changedStoreIds.length > 0) {
    await queueEvaluation(trx, bookId);
  }
  return { changedStoreIds };
}

/** One field of every observation as a typed Postgres array, for unnest(). */
function columnOf(observations: readonly Observation[]) {
  return (pick: (o: Observation) => unknown, type: string) => sql`${observations.map(pick)}::${sql.raw(type)}[]`;
}

async function recordHistory(trx: Transaction, bookId: number, sorted: readonly Observation[]): Promise<void> {
  const values = columnOf(sorted);
  await sql`
    INSERT INTO price_observations (book_id, store_id, observed_at, price_cents, shipping_cents, in_stock, source)
    SELECT ${bookId}, s, t, p, sh, i, src
    FROM unnest(${values((o) => o.storeId, 'int')}, ${values((o) => o.observedAt.toISOString(), 'timestamptz')}, ${values((o) => o.priceCents, 'bigint')},
                ${values((o) => o.shippingCents, 'bigint')}, ${values((o) => o.inStock, 'boolean')}, ${values((o) => o.source, 'text')})
         AS u(s, t, p, sh, i, src)`.execute(trx);

  await rollUpStoreDays(trx, bookId, sorted);
  await rollUpBookDay(trx, bookId, sorted[0]!.observedAt);
}

/**
 * Stores that answered "not carried": their offer (if any) goes, and the absence is remembered so a
 * live comparison does not ask them again while it is fresh. Stores that answered with a price are no
 * longer absent. Returns the stores whose offer disappeared.
 */
async function recordAbsences(trx: Transaction, bookId: number, absentStoreIds: readonly number[], present: readonly Observation[]): Promise<number[]> {
  if (present.length > 0) {
    await trx
      .deleteFrom('offerAbsences')
      .where('bookId', '=', bookId)
      .where(
        'storeId',
        'in',
        present.map((o) => o.storeId),
      )
      .execute();
  }
  if (absentStoreIds.length === 0) return [];
  const ids = [...absentStoreIds].sort((a, b) => a - b);
  await sql`
    INSERT INTO offer_absences (book_id, store_id, checked_at) SELECT ${bookId}, s, now() FROM unnest(${ids}::int[]) AS s
    ON CONFLICT (book_id, store_id) DO UPDATE SET checked_at = EXCLUDED.checked_at`.execute(trx);
  const removed = await trx.deleteFrom('offers').where('bookId', '=', bookId).where('storeId', 'in', ids).returning('storeId').execute();
  return removed.map((row) => row.storeId);
}

/** Stores that said, within the last maxAgeSeconds, that they do not carry the book. */
export async function findFreshAbsences(db: Kysely<Database>, bookId: number, maxAgeSeconds: number): Promise<number[]> {
  const rows = await db
    .selectFrom('offerAbsences')
    .select('storeId')
    .where('bookId', '=', bookId)
    .where(sql<boolean>`checked_at > now() - ${maxAgeSeconds} * interval '1 second'`)
    .execute();
  return rows.map((row) => row.storeId);
}

/**
 * Folds a new observation (EXCLUDED) into a day's candle, whichever order observations arrive in:
 * open follows the earliest, close the latest.
 */
function mergeCandle(table: 'price_daily' | 'book_price_daily') {
  const t = sql.raw(table);
  return sql`
      open_cents = CASE WHEN EXCLUDED.first_at < ${t}.first_at THEN EXCLUDED.open_cents ELSE ${t}.open_cents END,
      close_cents = CASE WHEN EXCLUDED.last_at >= ${t}.last_at THEN EXCLUDED.close_cents ELSE ${t}.close_cents END,
      high_cents = greatest(${t}.high_cents, EXCLUDED.high_cents),
      low_cents = least(${t}.low_cents, EXCLUDED.low_cents),
      sum_cents = ${t}.sum_cents + EXCLUDED.sum_cents,
      samples = ${t}.samples + EXCLUDED.samples,
      first_at = least(${t}.first_at, EXCLUDED.first_at),
      last_at = greatest(${t}.last_at, EXCLUDED.last_at)`;
}

/** Landed price (price + shipping) is what the daily candles track: the thing shoppers pay. One statement for all stores. */
async function rollUpStoreDays(trx: Transaction, bookId: number, observations: readonly Observation[]): Promise<void> {
  const stores = observations.map((o) => o.storeId);
  const totals = observations.map((o) => o.priceCents + o.shippingCents);
  const times = observations.map((o) => o.observedAt.toISOString());
  await sql`
    INSERT INTO price_daily (book_id, store_id, day, open_cents, high_cents, low_cents, close_cents, sum_cents, samples, first_at, last_at)
    SELECT ${bookId}, s, (t AT TIME ZONE 'UTC')::date, total, total, total, total, total, 1, t, t
    FROM unnest(${stores}::int[], ${totals}::bigint[], ${times}::timestamptz[]) AS u(s, total, t)
    ON CONFLICT (book_id, store_id, day) DO UPDATE SET ${mergeCandle('price_daily')}`.execute(trx);
}

/** One observation per store (the latest), in store order: the order row locks are taken in. */
function latestPerStore(observations: readonly Observation[]): Observation[] {
  const latest = new Map<number, Observation>();
  for (const o of observations) {
    const seen = latest.get(o.storeId);
    if (!seen || seen.observedAt <= o.observedAt) latest.set(o.storeId, o);
  }
  return [...latest.values()].sort((a, b) => a.storeId - b.storeId);
}

/** The cross-store candle follows the lowest in-stock landed price; the book's searchable price follows it too. */
async function rollUpBookDay(trx: Transaction, bookId: number, at: Date): Promise<void> {
  const { rows } = await sql<{ lowest: number | null; available: boolean }>`
    SELECT min(price_cents + shipping_cents) FILTER (WHERE in_stock) AS lowest, bool_or(in_stock) AS available
    FROM offers WHERE book_id = ${bookId}`.execute(trx);
  const lowest = rows[0]?.lowest ?? null;
  await sql`
    UPDATE books SET price_cents = coalesce(${lowest}::bigint, list_price_cents),
                     in_stock = ${rows[0]?.available ?? false} OR EXISTS (
                       SELECT 1 FROM inventory WHERE book_id = ${bookId} AND on_hand - reserved - sold > 0)
    WHERE id = ${bookId}`.execute(trx);
  await recordDealPrice(trx, bookId, lowest, at);
  if (lowest === null) return;
  await sql`
    INSERT INTO book_price_daily (book_id, day, open_cents, high_cents, low_cents, close_cents, sum_cents, samples, first_at, last_at)
    VALUES (${bookId}, (${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')::date, ${lowest}, ${lowest}, ${lowest}, ${lowest}, ${lowest}, 1,
            ${at.toISOString()}, ${at.toISOString()})
    ON CONFLICT (book_id, day) DO UPDATE SET ${mergeCandle('book_price_daily')}`.execute(trx);
}

export async function findOffersOfBooks(db: Kysely<Database>, bookIds: readonly number[]): Promise<OfferRow[]> {
  if (bookIds.length === 0) return [];
  return db
    .selectFrom('offers')
    .select(['bookId', 'storeId', 'priceCents', 'shippingCents', 'currency', 'inStock', 'fetchedAt', 'source'])
    .where('bookId', '=', sql<number>`any(${[...bookIds]}::bigint[])`)
    .execute() as Promise<OfferRow[]>;
}
