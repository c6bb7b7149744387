import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.js';

/** Rebuilds the dictionary of catalogue words from the books' search vectors; readers keep the old one meanwhile. */
export async function refreshSearchTerms(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`CREATE TEMP TABLE fresh_terms ON COMMIT DROP AS
      SELECT word COLLATE "C" AS term, ndoc::int AS books FROM ts_stat('SELECT search FROM books')`.execute(trx);
    await sql`DELETE FROM search_terms t WHERE NOT EXISTS (SELECT 1 FROM fresh_terms f WHERE f.term = t.term)`.execute(trx);
    const { rows } = await sql<{ n: number }>`
      WITH upserted AS (
        INSERT INTO search_terms (term, books) SELECT term, books FROM fresh_terms
        ON CONFLICT (term) DO UPDATE SET books = EXCLUDED.books WHERE search_terms.books <> EXCLUDED.books
        RETURNING 1)
      SELECT (SELECT count(*) FROM fresh_terms)::int AS n, (SELECT count(*) FROM upserted) AS changed`.execute(trx);
    return rows[0]?.n ?? 0;
  });
}

const MIN_CORRECTABLE_LENGTH = 3;

/**
 * Replaces each unknown word with the most similar known one (more common wins ties). The last word
 * stays as typed when some word starts with it, since it may be a prefix still being typed.
 * Returns null when nothing needed correcting or nothing similar exists.
 */
export async function correctWords(db: Kysely<Database>, words: readonly string[]): Promise<string[] | null> {
  const { rows } = await sql<{ ord: number; term: string | null }>`
    SELECT w.ord::int AS ord, coalesce(
      (SELECT t.term FROM search_terms t WHERE t.term = w.word),
      (SELECT w.word WHERE w.ord = ${words.length} AND EXISTS (
         SELECT 1 FROM search_terms t WHERE t.term >= w.word AND t.term < w.word || chr(1114111))),
      (SELECT w.word WHERE length(w.word) < ${MIN_CORRECTABLE_LENGTH}),
      (SELECT t.term FROM search_terms t WHERE t.term % w.word ORDER BY similarity(t.term, w.word) DESC, t.books DESC, t.term LIMIT 1)
    ) AS term
    FROM (SELECT u.word COLLATE "C" AS word, u.ord FROM unnest(${[...words]}::text[]) WITH ORDINALITY AS u(word, ord)) w
    ORDER BY w.ord`.execute(db);
  const corrected = rows.map((row) => row.term);
  if (corrected.some((term) => term === null)) return null;
  const result = corrected as string[];
  return result.every((term, index) => term === words[index]) ? null : result;
}
