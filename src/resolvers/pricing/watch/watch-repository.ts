import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database.js';
import { TIER_TTL_SECONDS, type Tier } from '../refresh-schedule.js';

/** A book with standing interest, and what prices would make one of its watchers hear of a change. */
export interface WatchedBookRow {
  bookId: number;
  isbn13: string;
  firesAtOrBelowCents: number | null;
  firesAtOrAboveCents: number | null;
  anyChange: boolean;
}

/** What Folio knows of one store's offer for a watched book (null total: never heard from it). */
export interface WatchedOfferRow {
  bookId: number;
  storeId: number;
  totalCents: number | null;
  inStock: boolean | null;
  fetchedAt: Date | null;
}

/**
 * Rebuilds the watched set from standing interest: every active alert (all editions of its work when
 * it watches any edition; auto-buy fires at its maximum too) and every line of an open cart. Books keep
 * the time they were first watched.
 */
export async function rebuildWatchedBooks(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ watched: number }>`
      WITH interest AS (
        SELECT coalesce(e.id, a.book_id) AS book_id,
               greatest(CASE a.rule WHEN 'BELOW' THEN a.threshold_cents
                                    WHEN 'DROP_PERCENT' THEN floor(a.reference_cents * (100 - a.drop_percent) / 100.0)::bigint END,
                        CASE WHEN a.auto_bought_order_id IS NULL THEN a.auto_buy_max_cents END) AS below,
               CASE WHEN a.rule = 'RISE' THEN a.threshold_cents END AS above,
               a.rule = 'BACK_IN_STOCK' AS any_change
        FROM price_alerts a
        LEFT JOIN books e ON a.work_id IS NOT NULL AND e.work_id = a.work_id
        WHERE a.deleted_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now())
        UNION ALL
        SELECT i.book_id, NULL, NULL, true
        FROM cart_items i JOIN carts c ON c.id = i.cart_id
        WHERE c.status = 'OPEN' AND c.expires_at > now()),
      watched AS (
        SELECT book_id, max(below) AS below, min(above) AS above, bool_or(any_change) AS any_change, count(*)::int AS watchers
        FROM interest GROUP BY book_id),
      gone AS (
        DELETE FROM watched_books w WHERE NOT EXISTS (SELECT 1 FROM watched WHERE watched.book_id = w.book_id)),
      kept AS (
        INSERT INTO watched_books (book_id, fires_at_or_below_cents, fires_at_or_above_cents, any_change, watchers, since)
        SELECT book_id, below, above, any_change, watchers, now() FROM watched
        ON CONFLICT (book_id) DO UPDATE SET fires_at_or_below_cents = EXCLUDED.fires_at_or_below_cents,
          fires_at_or_above_cents = EXCLUDED.fires_at_or_above_cents, any_change = EXCLUDED.any_change, watchers = EXCLUDED.watchers
        RETURNING 1)
      SELECT count(*)::int AS watched FROM kept`.execute(trx);
    return rows[0]?.watched ?? 0;
  });
}

export async function findWatchedBooks(db: Kysely<Database>): Promise<WatchedBookRow[]> {
  return db
    .selectFrom('watchedBooks as w')
    .innerJoin('books as b', 'b.id', 'w.bookId')
    .select(['w.bookId', 'b.isbn13', 'w.firesAtOrBelowCents', 'w.firesAtOrAboveCents', 'w.anyChange'])
    .execute();
}

/**
 * The offers of these books at these stores, as Folio knows them: a pair with no offer and no recent
 * "not carried" is included with nothing known (the store must be asked whether it carries the book).
 */
export async function findWatchedOffers(
  db: Kysely<Database>,
  bookIds: readonly number[],
  storeIds: readonly number[],
  absentFor: Date,
): Promise<WatchedOfferRow[]> {
  if (bookIds.length === 0 || storeIds.length === 0) return [];
  const { rows } = await sql<WatchedOfferRow>`
    SELECT b.id AS book_id, s.id AS store_id, (o.price_cents + o.shipping_cents)::bigint AS total_cents, o.in_stock, o.fetched_at
    FROM unnest(${bookIds}::bigint[]) AS b(id)
    CROSS JOIN unnest(${storeIds}::int[]) AS s(id)
    LEFT JOIN offers o ON o.book_id = b.id AND o.store_id = s.id
    WHERE o.book_id IS NOT NULL
       OR NOT EXISTS (SELECT 1 FROM offer_absences x WHERE x.book_id = b.id AND x.store_id = s.id AND x.checked_at > ${absentFor})`.execute(db);
  return rows;
}

/** A check that found the offer unchanged: only its time moves on (history records changes, not echoes). */
export async function touchOffers(db: Kysely<Database>, checks: readonly { bookId: number; storeId: number; at: Date }[]): Promise<void> {
  if (checks.length === 0) return;
  await sql`
    UPDATE offers o SET fetched_at = greatest(o.fetched_at, c.at), source = 'CRAWL'
    FROM unnest(${checks.map((c) => c.bookId)}::bigint[], ${checks.map((c) => c.storeId)}::int[], ${checks.map((c) => c.at.toISOString())}::timestamptz[]) AS c(book_id, store_id, at)
    WHERE o.book_id = c.book_id AND o.store_id = c.store_id`.execute(db);
}

export interface Freshness {
  storeId: number;
  /** Offers counted (for tiers, in a sample of about 100,000 offers). */
  offers: number;
  /** Of those, checked within the objective (watched) or the tier's interval. */
  fresh: number;
  oldestSeconds: number | null;
}

/** How fresh the watched offers at these stores are: all of them, those within the objective, and the oldest. */
export async function watchedFreshness(db: Kysely<Database>, storeIds: readonly number[], objectiveSeconds: number): Promise<Freshness[]> {
  const { rows } = await sql<Freshness>`
    SELECT o.store_id, count(*)::int AS offers,
           count(*) FILTER (WHERE o.fetched_at > now() - make_interval(secs => ${objectiveSeconds}))::int AS fresh,
           extract(epoch FROM now() - min(o.fetched_at))::float8 AS oldest_seconds
    FROM watched_books w JOIN offers o ON o.book_id = w.book_id
    WHERE o.store_id = any(${storeIds}::int[])
    GROUP BY o.store_id`.execute(db);
  return rows;
}

/**
 * How fresh each demand tier's offers at these stores are, from a sample of the offers table (a full
 * count would read every offer of a million books): the share within the tier's interval, and the oldest.
 */
export async function tierFreshness(db: Kysely<Database>, storeIds: readonly number[]): Promise<(Freshness & { tier: Tier })[]> {
  const { rows: size } = await sql<{ estimate: number }>`SELECT greatest(reltuples, 1)::float8 AS estimate FROM pg_class WHERE relname = 'offers'`.execute(db);
  const percent = Math.min(100, (100_000 / Math.max(1, size[0]?.estimate ?? 1)) * 100);
  const { rows } = await sql<Freshness & { tier: Tier }>`
    SELECT o.store_id, r.tier, count(*)::int AS offers,
           count(*) FILTER (WHERE o.fetched_at > now() - make_interval(secs => ${ttlSql('r.tier')}))::int AS fresh,
           extract(epoch FROM now() - min(o.fetched_at))::float8 AS oldest_seconds
    FROM offers o TABLESAMPLE SYSTEM (${sql.lit(percent)}) JOIN refresh_state r ON r.book_id = o.book_id
    WHERE o.store_id = any(${storeIds}::int[])
    GROUP BY o.store_id, r.tier`.execute(db);
  return rows;
}

function ttlSql(column: string) {
  const cases = Object.entries(TIER_TTL_SECONDS).map(([tier, seconds]) => `WHEN '${tier}' THEN ${seconds}`);
  return sql.raw(`(CASE ${column} ${cases.join(' ')} END)`);
}
