import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // "This store does not carry this book", as of when it said so: without it a store that does not
  // carry a book would look stale forever and be asked again on every live comparison.
  await sql`
    CREATE TABLE offer_absences (
      book_id bigint NOT NULL REFERENCES books (id) ON DELETE CASCADE,
      store_id integer NOT NULL REFERENCES stores (id),
      checked_at timestamptz NOT NULL,
      PRIMARY KEY (book_id, store_id)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('offer_absences').ifExists().execute();
}
