import { type Kysely, type RawBuilder, sql } from 'kysely';
import { compileOnce } from '../../db/compile-once.js';
import type { BookFormat, Database } from '../../db/database.js';
import type { NamedRow } from './name-table.js';

export interface BookRow {
  id: number;
  isbn13: string;
  workId: number;
  title: string;
  subtitle: string | null;
  publisherId: number | null;
  publishedYear: number | null;
  language: string | null;
  categoryId: number | null;
  format: BookFormat;
  currency: string;
  listPriceCents: number | null;
  priceCents: number | null;
  inStock: boolean;
  demandScore: number;
  /**
   * The book's authors by id, in order, on rows the search index writes (it holds them): they are named
   * from the catalogue's kept names, where a row read from PostgreSQL has its authors read beside it.
   */
  authorIds?: readonly number[];
}

export interface AuthorRow {
  id: number;
  name: string;
}

export interface BookAuthorRow extends AuthorRow {
  bookId: number;
}

export interface CategoryRow {
  id: number;
  slug: string;
  name: string;
}

export interface PublisherRow {
  id: number;
  name: string;
}

export interface WorkRow {
  id: number;
  title: string;
  description: string | null;
}

const BOOK_COLUMNS = [
  'id',
  'isbn13',
  'workId',
  'title',
  'subtitle',
  'publisherId',
  'publishedYear',
  'language',
  'categoryId',
  'format',
  'currency',
  'listPriceCents',
  'priceCents',
  'inStock',
  'demandScore',
] as const;

export function selectBooks(db: Kysely<Database>) {
  return db.selectFrom('books').select(BOOK_COLUMNS);
}

/** A book's authors in their order, as JSON read beside its row (`books` being the row's table). */
const authorsOfRow = sql<AuthorRow[]>`coalesce((SELECT json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY ba.position)
  FROM book_authors ba JOIN authors a ON a.id = ba.author_id WHERE ba.book_id = books.id), '[]')`;

// The per-request batch reads are compiled once: each takes one array parameter, the ids.
const anyOfIds = () => sql<number>`any(${[]}::bigint[])`;
const booksByIdsQuery = compileOnce((db) => selectBooks(db).select(authorsOfRow.as('authors')).where('id', '=', anyOfIds()));
// Authors, categories, publishers and works are read whole: every column of each row asked for.
const authorsByIdsQuery = compileOnce((db) => db.selectFrom('authors').selectAll().where('id', '=', anyOfIds()));
const categoriesByIdsQuery = compileOnce((db) => db.selectFrom('categories').selectAll().where('id', '=', anyOfIds()));
const publishersByIdsQuery = compileOnce((db) => db.selectFrom('publishers').selectAll().where('id', '=', anyOfIds()));
const worksByIdsQuery = compileOnce((db) => db.selectFrom('works').selectAll().where('id', '=', anyOfIds()));
const authorsOfBooksQuery = compileOnce((db) =>
  db
    .selectFrom('bookAuthors')
    .innerJoin('authors', 'authors.id', 'bookAuthors.authorId')
    .select(['bookAuthors.bookId', 'authors.id', 'authors.name'])
    .where('bookAuthors.bookId', '=', anyOfIds())
    .orderBy('bookAuthors.bookId')
    .orderBy('bookAuthors.position'),
);
/**
 * The first-party units that can be sold now of the book whose id is `bookId` (over all warehouses;
 * null without inventory), and how long until a hold on it next expires. Holds past their expiry stop
 * counting at once, not only when the sweeper releases them; the next expiry is when this figure changes
 * without anyone writing (what a cache of it must know).
 */
function stockOfBook(bookId: RawBuilder<unknown>) {
  return {
    units: sql<number | null>`((SELECT sum(i.on_hand - i.reserved - i.sold) FROM inventory i WHERE i.book_id = ${bookId}) + coalesce((
      SELECT sum(r.quantity) FROM reservations r WHERE r.book_id = ${bookId} AND r.status = 'HELD' AND r.expires_at <= now()), 0))::int`,
    msToNextExpiry: sql<number | null>`(SELECT extract(epoch FROM min(r.expires_at) - now()) * 1000 FROM reservations r
      WHERE r.book_id = ${bookId} AND r.status = 'HELD' AND r.expires_at > now())`,
  };
}

const availableStockQuery = compileOnce((db) => {
  // unnest's one column is named after its alias: wanted.wanted is each id asked for.
  const stock = stockOfBook(sql.ref('wanted.wanted'));
  return db
    .selectFrom(sql<{ wanted: number }>`unnest(${[]}::bigint[])`.as('wanted'))
    .select([sql<number>`wanted.wanted`.as('bookId'), stock.units.as('units'), stock.msToNextExpiry.as('msToNextExpiry')]);
});

/**
 * Everything a book page shows of the books with these ISBNs, in one statement: the row, its authors,
 * its publisher's name and its stock (a book seen for the first time costs one round trip, not four).
 */
const bookPagesByIsbnQuery = compileOnce((db) => {
  const stock = stockOfBook(sql.ref('books.id'));
  return selectBooks(db)
    .select([
      authorsOfRow.as('authors'),
      sql<string | null>`(SELECT p.name FROM publishers p WHERE p.id = books.publisher_id)`.as('publisherName'),
      stock.units.as('units'),
      stock.msToNextExpiry.as('msToNextExpiry'),
    ])
    .where('isbn13', '=', sql<string>`any(${[]}::text[])`);
});

/** A book with its authors, read together: wherever a book is shown, its authors are. */
export interface BookWithAuthors {
  book: BookRow;
  authors: AuthorRow[];
}

export async function findBooksByIds(db: Kysely<Database>, ids: readonly number[]): Promise<BookWithAuthors[]> {
  if (ids.length === 0) return [];
  return (await booksByIdsQuery(db, [ids])).map(({ authors, ...book }) => ({ book, authors }));
}

/** What a book page shows of one book, read together. */
export interface BookPage {
  book: BookRow;
  authors: AuthorRow[];
  publisherName: string | null;
  stock: StockRow;
}

export async function findBookPagesByIsbn13(db: Kysely<Database>, isbns: readonly string[]): Promise<BookPage[]> {
  if (isbns.length === 0) return [];
  return (await bookPagesByIsbnQuery(db, [isbns])).map(({ authors, publisherName, units, msToNextExpiry, ...book }) => ({
    book,
    authors,
    publisherName,
    stock: { bookId: book.id, units, msToNextExpiry },
  }));
}

export async function findAuthorsOfBooks(db: Kysely<Database>, bookIds: readonly number[]): Promise<BookAuthorRow[]> {
  return bookIds.length === 0 ? [] : authorsOfBooksQuery(db, [bookIds]);
}

export async function findAuthorsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<AuthorRow[]> {
  return ids.length === 0 ? [] : authorsByIdsQuery(db, [ids]);
}

/** Authors or publishers in id order, `limit` at a time after `afterId` (for reading them all). */
export async function findNamesAfter(db: Kysely<Database>, table: 'authors' | 'publishers', afterId: number, limit: number): Promise<NamedRow[]> {
  return db.selectFrom(table).select(['id', 'name']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function findCategoriesByIds(db: Kysely<Database>, ids: readonly number[]): Promise<CategoryRow[]> {
  return ids.length === 0 ? [] : categoriesByIdsQuery(db, [ids]);
}

export async function findPublishersByIds(db: Kysely<Database>, ids: readonly number[]): Promise<PublisherRow[]> {
  return ids.length === 0 ? [] : publishersByIdsQuery(db, [ids]);
}

export async function findWorksByIds(db: Kysely<Database>, ids: readonly number[]): Promise<WorkRow[]> {
  return ids.length === 0 ? [] : worksByIdsQuery(db, [ids]);
}

export async function findEditionsOfWorks(db: Kysely<Database>, workIds: readonly number[]): Promise<BookRow[]> {
  if (workIds.length === 0) return [];
  return selectBooks(db)
    .where('workId', '=', sql<number>`any(${[...workIds]}::bigint[])`)
    .orderBy('workId')
    .orderBy(sql`array_position(array['HARDCOVER','PAPERBACK','EBOOK','AUDIOBOOK'], format)`)
    .orderBy('id')
    .execute();
}

export interface StockRow {
  bookId: number;
  /** Null for a book without first-party inventory. */
  units: number | null;
  /** How long until a hold on the book next expires (its units count again then), by the database's clock; or null. */
  msToNextExpiry: number | null;
}

/** First-party units that can be sold now, per book: on hand minus reserved minus sold, over all warehouses. */
export async function sumAvailableStock(db: Kysely<Database>, bookIds: readonly number[]): Promise<StockRow[]> {
  return bookIds.length === 0 ? [] : availableStockQuery(db, [bookIds]);
}

/**
 * The stock of every book with inventory and an id in (afterId, upToId], as `sumAvailableStock` gives it
 * per book (for keeping every book's stock in memory).
 */
export async function stockBetween(db: Kysely<Database>, afterId: number, upToId: number): Promise<StockRow[]> {
  const stock = stockOfBook(sql.ref('wanted.bookId'));
  const stocked = db.selectFrom('inventory').select('bookId').distinct().where('bookId', '>', afterId).where('bookId', '<=', upToId);
  return db
    .selectFrom(stocked.as('wanted'))
    .select(['wanted.bookId', stock.units.as('units'), stock.msToNextExpiry.as('msToNextExpiry')])
    .execute();
}

/** The highest book id given so far (0 without books). */
export async function highestBookId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('books')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function listCategories(db: Kysely<Database>): Promise<CategoryRow[]> {
  return db.selectFrom('categories').select(['id', 'slug', 'name']).orderBy('name').execute();
}
