import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // An operator's "take this store out" outlives the partner network listing it again at the next start.
  await sql`ALTER TABLE stores ADD COLUMN disabled_by_operator boolean NOT NULL DEFAULT false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE stores DROP COLUMN disabled_by_operator`.execute(db);
}
