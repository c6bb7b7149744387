import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { enqueueMany } from '../../jobs/kit.js';
import { refreshOffersTask } from '../../jobs/pricing/refresh-offers.js';

export type Tier = 'HOT' | 'WARM' | 'LONG_TAIL' | 'COLD';

/** How stale each tier may get (DESIGN: HOT 5 min, WARM 15 min, LONG_TAIL 2 h, COLD 24 h). */
export const TIER_TTL_SECONDS: Record<Tier, number> = { HOT: 300, WARM: 900, LONG_TAIL: 7_200, COLD: 86_400 };
/** Hotter tiers' refresh jobs run first. */
const TIER_PRIORITY: Record<Tier, number> = { HOT: 0, WARM: 1, LONG_TAIL: 2, COLD: 3 };

/** The tier's interval in seconds as SQL, from constants (no parameters: they would be untyped in CASE). */
function ttlSeconds(column: string) {
  const cases = Object.entries(TIER_TTL_SECONDS).map(([tier, seconds]) => `WHEN '${tier}' THEN ${seconds}`);
  return sql.raw(`(CASE ${column} ${cases.join(' ')} END)`);
}

/**
 * Puts books into tiers by their share of demand (top 0.5 % HOT, next 2 % WARM, next 20 % LONG_TAIL,
 * the rest COLD) and spreads first due times over each tier's interval, so refreshes do not all fall
 * due at once. Books already tracked keep their schedule.
 */
export async function trackBooks(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ tracked: number }>`
    WITH ranked AS (
      SELECT id, demand_score, percent_rank() OVER (ORDER BY demand_score DESC, id) AS share FROM books),
    tiered AS (
      SELECT id, demand_score, CASE WHEN share < 0.005 THEN 'HOT' WHEN share < 0.025 THEN 'WARM' WHEN share < 0.225 THEN 'LONG_TAIL' ELSE 'COLD' END AS tier
      FROM ranked),
    inserted AS (
      INSERT INTO refresh_state (book_id, tier, demand, next_due_at)
      SELECT id, tier, demand_score,
             now() + (random() * ${ttlSeconds('tier')}) * interval '1 second'
      FROM tiered
      ON CONFLICT (book_id) DO NOTHING
      RETURNING 1)
    SELECT count(*)::int AS tracked FROM inserted`.execute(db);
  return rows[0]?.tracked ?? 0;
}

/**
 * Adds a refresh_offers job for each due book, hottest first (the job key collapses duplicates), and
 * pushes its due time a full interval ahead so the next round does not queue it again meanwhile.
 * Never lets more than `backlog` refresh jobs wait: when the stores cannot keep up, the hottest books
 * stay first in line instead of behind a long queue of colder ones.
 */
export async function scheduleDueRefreshes(db: Kysely<Database>, limit: number, backlog = limit): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ bookId: string; tier: Tier }>`
      WITH waiting AS (
        SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = ${refreshOffersTask.name} AND locked_at IS NULL),
      due AS (
        SELECT book_id, tier FROM refresh_state
        WHERE next_due_at <= now()
        ORDER BY CASE tier WHEN 'HOT' THEN 0 WHEN 'WARM' THEN 1 WHEN 'LONG_TAIL' THEN 2 ELSE 3 END, next_due_at
        LIMIT greatest(0, least(${limit}, ${backlog} - (SELECT n FROM waiting)))
        FOR UPDATE SKIP LOCKED)
      UPDATE refresh_state r SET next_due_at = now() + ${ttlSeconds('r.tier')} * interval '1 second'
      FROM due WHERE r.book_id = due.book_id
      RETURNING r.book_id AS "bookId", r.tier`.execute(trx);
    return enqueueMany(
      trx,
      refreshOffersTask,
      rows.map((row) => ({
        payload: { bookId: Number(row.bookId) },
        jobKey: `refresh_offers:${row.bookId}`,
        priority: TIER_PRIORITY[row.tier],
      })),
    );
  });
}

/** After a refresh: when it happened, and how volatile the book's prices are (share of stores that changed). */
export async function markRefreshed(db: Kysely<Database>, bookId: number, changedShare: number): Promise<void> {
  await sql`
    UPDATE refresh_state SET last_refreshed_at = now(), volatility = volatility * 0.8 + ${changedShare} * 0.2,
      next_due_at = now() + ${ttlSeconds('tier')} * interval '1 second'
    WHERE book_id = ${bookId}`.execute(db);
}

/** Volatility (share of stores changing per refresh, smoothed) at which a book is refreshed one tier more often. */
const VOLATILE = 0.25;
/** Hourly decay of demand: interest halves in about a day, so tiers follow what shoppers want now. */
const HOURLY_DECAY = 0.97;

/**
 * Moves books between tiers by their current share of demand (views, price checks, carts, alerts),
 * one tier hotter when their prices move a lot. A book moved to a hotter tier falls due by its new
 * interval at once; then demand decays so old interest fades.
 */
export async function retierBooks(db: Kysely<Database>): Promise<{ moved: number }> {
  const { rows } = await sql<{ moved: number }>`
    WITH ranked AS (
      SELECT book_id, tier, volatility, percent_rank() OVER (ORDER BY demand DESC, book_id) AS share FROM refresh_state),
    levelled AS (
      SELECT book_id, tier AS old_tier,
             (ARRAY['HOT', 'WARM', 'LONG_TAIL', 'COLD'])[1 + greatest(0,
               CASE WHEN share < 0.005 THEN 0 WHEN share < 0.025 THEN 1 WHEN share < 0.225 THEN 2 ELSE 3 END
               - CASE WHEN volatility >= ${VOLATILE} THEN 1 ELSE 0 END)] AS new_tier
      FROM ranked),
    moved AS (
      UPDATE refresh_state r SET tier = l.new_tier,
        next_due_at = least(r.next_due_at, coalesce(r.last_refreshed_at, now()) + ${ttlSeconds('l.new_tier')} * interval '1 second')
      FROM levelled l WHERE r.book_id = l.book_id AND l.new_tier <> l.old_tier
      RETURNING 1)
    SELECT count(*)::int AS moved FROM moved`.execute(db);
  await sql`UPDATE refresh_state SET demand = demand * ${HOURLY_DECAY} WHERE demand > 0.01`.execute(db);
  return { moved: rows[0]?.moved ?? 0 };
}
