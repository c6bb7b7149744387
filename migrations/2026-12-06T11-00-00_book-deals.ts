import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per priced book, kept by the write that rolls up its day: the lowest in-stock landed total
  // now beside the figures of the 30 days before `day` (read once a day per book). The deal lists are
  // then index walks, never scans of the rollups.
  await sql`
    CREATE TABLE book_deals (
      book_id bigint PRIMARY KEY REFERENCES books (id) ON DELETE CASCADE,
      day date NOT NULL,
      current_cents bigint,
      changed_at timestamptz NOT NULL,
      previous_cents bigint,
      month_low_cents bigint,
      month_average_cents bigint,
      month_days integer NOT NULL,
      drop_basis_points integer GENERATED ALWAYS AS (
        CASE WHEN current_cents < previous_cents THEN ((previous_cents - current_cents) * 10000 / previous_cents)::integer END) STORED,
      below_average_basis_points integer GENERATED ALWAYS AS (
        CASE WHEN month_days >= 7 AND current_cents <= month_low_cents AND current_cents < month_average_cents
             THEN ((month_average_cents - current_cents) * 10000 / month_average_cents)::integer END) STORED
    )`.execute(db);
  await sql`CREATE INDEX book_deals_drops ON book_deals (day, drop_basis_points DESC, book_id DESC) WHERE drop_basis_points > 0`.execute(db);
  await sql`CREATE INDEX book_deals_lows ON book_deals (below_average_basis_points DESC, book_id DESC) WHERE below_average_basis_points > 0`.execute(db);
  await sql`CREATE INDEX watched_books_since ON watched_books (since DESC, book_id DESC)`.execute(db);
  // Books already priced today start with today's close as their price now.
  await sql`
    INSERT INTO book_deals (book_id, day, current_cents, changed_at, previous_cents, month_low_cents, month_average_cents, month_days)
    SELECT t.book_id, t.day, t.close_cents, t.last_at, past.previous, past.low, past.average, past.days
    FROM book_price_daily t
    CROSS JOIN LATERAL (
      SELECT (array_agg(close_cents ORDER BY day DESC))[1] AS previous, min(low_cents) AS low,
             round(avg(close_cents))::bigint AS average, count(*)::integer AS days
      FROM book_price_daily p WHERE p.book_id = t.book_id AND p.day >= t.day - 30 AND p.day < t.day) past
    WHERE t.day = (now() AT TIME ZONE 'UTC')::date`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS watched_books_since`.execute(db);
  await db.schema.dropTable('book_deals').ifExists().execute();
}
