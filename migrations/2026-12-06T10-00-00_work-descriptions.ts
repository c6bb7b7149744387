import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // A blurb belongs to the work (every edition shares it); kept off `books` so that table stays narrow
  // for the scans search and refresh planning make.
  await sql`ALTER TABLE works ADD COLUMN description text CHECK (length(description) <= 5000)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE works DROP COLUMN description`.execute(db);
}
