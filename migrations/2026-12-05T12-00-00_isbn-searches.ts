import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // ISBNs asked of the partners that no store carried when last asked: answered from here for a while
  // instead of asking every store again, and searched again later (daily while an alert watches one).
  await sql`
    CREATE TABLE isbn_searches (
      isbn13 text PRIMARY KEY CHECK (isbn13 ~ '^97[89][0-9]{10}$'),
      stores_asked integer NOT NULL,
      stores_answered integer NOT NULL,
      checked_at timestamptz NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('isbn_searches').ifExists().execute();
}
