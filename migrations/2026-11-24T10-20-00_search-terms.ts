import { type Kysely, sql } from 'kysely';

// Every distinct word of the catalogue's search text with how many books carry it: the dictionary
// that misspelled query words are corrected against ("hary" → "harry").
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE search_terms (
      term text COLLATE "C" PRIMARY KEY,
      books integer NOT NULL CHECK (books >= 0)
    )`.execute(db);
  await sql`CREATE INDEX search_terms_trgm ON search_terms USING gin (term gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_terms').ifExists().execute();
}
