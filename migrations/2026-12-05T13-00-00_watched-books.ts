import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Books with standing interest (an active alert, a cart line, an auto-buy): their offers are kept
  // under a freshness objective ahead of the demand tiers. Rebuilt from the alerts and carts by the
  // watch planner; the thresholds say which prices would make a watcher hear of a change.
  await sql`
    CREATE TABLE watched_books (
      book_id bigint PRIMARY KEY REFERENCES books (id) ON DELETE CASCADE,
      -- The highest landed total at which some alert on the book fires (BELOW, DROP_PERCENT, auto-buy).
      fires_at_or_below_cents bigint,
      -- The lowest landed total at which a RISE alert fires.
      fires_at_or_above_cents bigint,
      -- Any change of price or stock matters (a cart line, BACK_IN_STOCK).
      any_change boolean NOT NULL,
      watchers integer NOT NULL,
      since timestamptz NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('watched_books').ifExists().execute();
}
