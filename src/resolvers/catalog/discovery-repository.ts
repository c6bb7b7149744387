import { type Kysely, sql } from 'kysely';
import type { BookFormat, Database, Transaction } from '../../db/database.js';
import type { PartnerBookDescription } from '../../partners/adapter.js';
import { TIER_TTL_SECONDS } from '../pricing/refresh-schedule.js';

const FORMATS: readonly BookFormat[] = ['HARDCOVER', 'PAPERBACK', 'EBOOK', 'AUDIOBOOK'];
const COLD_TTL_MS = TIER_TTL_SECONDS.COLD * 1000;

/** Title and first author as compared when deciding whether two editions are one work. */
export function workKey(title: string, firstAuthor: string | undefined): string {
  const normal = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return `${normal(title)}|${normal(firstAuthor ?? '')}`;
}

/**
 * Adds a book the partners described: its work found by normalised title and first author (or made),
 * its authors and publisher found by name (or made). An ISBN added meanwhile by someone else wins: its
 * id is returned. Locks the ISBN and the work key for the transaction, so two processes make one book, and two
 * new editions of one work make one work.
 */
export async function insertDiscoveredBook(trx: Transaction, isbn13: string, description: PartnerBookDescription): Promise<number> {
  const key = workKey(description.title, description.authors[0]);
  // The ISBN first (two processes may have it described differently), then the work: always in that order.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`isbn:${isbn13}`}))`.execute(trx);
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`work:${key}`}))`.execute(trx);
  const existing = await trx.selectFrom('books').select('id').where('isbn13', '=', isbn13).executeTakeFirst();
  if (existing) return existing.id;
  const workId =
    (await findWork(trx, description, key)) ??
    (await trx.insertInto('works').values({ title: description.title }).returning('id').executeTakeFirstOrThrow()).id;
  const authorIds: number[] = [];
  for (const name of description.authors) authorIds.push(await authorId(trx, name));
  const publisherId = description.publisher ? await publisher(trx, description.publisher) : null;
  const book = await trx
    .insertInto('books')
    .values({
      isbn13,
      workId,
      title: description.title.slice(0, 500),
      subtitle: description.subtitle,
      authorNames: description.authors.join(', '),
      authorIds,
      publisherId,
      publishedYear: description.year !== null && description.year >= 1400 && description.year <= 2100 ? description.year : null,
      language: description.language && /^[a-z]{2}$/.test(description.language) ? description.language : null,
      format: FORMATS.includes(description.format as BookFormat) ? (description.format as BookFormat) : 'PAPERBACK',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [position, id] of authorIds.entries()) await trx.insertInto('bookAuthors').values({ bookId: book.id, authorId: id, position }).execute();
  // Refreshed with the coldest books until shoppers' interest moves it up (its offers were just recorded).
  await trx
    .insertInto('refreshState')
    .values({ bookId: book.id, tier: 'COLD', demand: 0, nextDueAt: new Date(Date.now() + COLD_TTL_MS) })
    .onConflict((c) => c.column('bookId').doNothing())
    .execute();
  return book.id;
}

/**
 * An existing edition with the same normalised title and first author gives the work. Candidates are
 * the books whose search vector has every word of both (the search index answers that), compared in full.
 */
async function findWork(trx: Transaction, description: PartnerBookDescription, key: string): Promise<number | null> {
  const words = `${description.title} ${description.authors[0] ?? ''}`;
  const { rows } = await sql<{ workId: number; title: string; firstAuthor: string | null }>`
    SELECT b.work_id, b.title, (SELECT a.name FROM book_authors ba JOIN authors a ON a.id = ba.author_id
                                WHERE ba.book_id = b.id ORDER BY ba.position LIMIT 1) AS first_author
    FROM books b WHERE b.search @@ plainto_tsquery('simple', ${words}) ORDER BY b.id LIMIT 200`.execute(trx);
  return rows.find((row) => workKey(row.title, row.firstAuthor ?? undefined) === key)?.workId ?? null;
}

async function authorId(trx: Transaction, name: string): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`author:${name}`}))`.execute(trx);
  const found = await trx.selectFrom('authors').select('id').where('name', '=', name).orderBy('id').executeTakeFirst();
  return found?.id ?? (await trx.insertInto('authors').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
}

async function publisher(trx: Transaction, name: string): Promise<number> {
  await trx
    .insertInto('publishers')
    .values({ name })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  return (await trx.selectFrom('publishers').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/** What the last search that found nothing said, if it was since `since`. */
export async function findFruitlessSearch(db: Kysely<Database>, isbn13: string, since: Date) {
  return db.selectFrom('isbnSearches').selectAll().where('isbn13', '=', isbn13).where('checkedAt', '>=', since).executeTakeFirst();
}

export async function recordFruitlessSearch(db: Kysely<Database>, isbn13: string, asked: number, answered: number): Promise<void> {
  await db
    .insertInto('isbnSearches')
    .values({ isbn13, storesAsked: asked, storesAnswered: answered, checkedAt: new Date() })
    .onConflict((conflict) => conflict.column('isbn13').doUpdateSet({ storesAsked: asked, storesAnswered: answered, checkedAt: new Date() }))
    .execute();
}

export async function forgetSearch(trx: Transaction, isbn13: string): Promise<void> {
  await trx.deleteFrom('isbnSearches').where('isbn13', '=', isbn13).execute();
}
