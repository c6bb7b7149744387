import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../lib/logger.js';
import { InvalidInputError } from '../../lib/errors.js';
import { IsbnError, parseIsbn } from '../../lib/isbn.js';
import type { ChangeListener } from '../../db/change-listener.js';
import { BatchCache } from '../../lib/batch-cache.js';
import { type MaybePromise, whenReady } from '../../lib/maybe-promise.js';
import type { BookChanges } from '../../search/index-feed.js';
import { byKeys, groupByKeys } from '../batch.js';
import {
  type AuthorRow,
  type BookRow,
  type CategoryRow,
  type PublisherRow,
  type WorkRow,
  findNamesAfter,
  findAuthorsByIds,
  findAuthorsOfBooks,
  findBooksByIds,
  findBookPagesByIsbn13,
  findCategoriesByIds,
  findEditionsOfWorks,
  findPublishersByIds,
  findWorksByIds,
  highestBookId,
  listCategories,
  stockBetween,
  sumAvailableStock,
} from './catalog-repository.js';
import { FollowedStock } from './followed-stock.js';
import { type NamedRow, NameTable } from './name-table.js';

/** Parses an ISBN argument, turning a malformed one into a client error that names the problem. */
export function isbnArgument(input: string): string {
  try {
    return parseIsbn(input);
  } catch (error) {
    if (error instanceof IsbnError) throw new InvalidInputError(error.message, { field: 'isbn' });
    throw error;
  }
}

/**
 * Catalogue rows change rarely and are read on every page, so they are served from in-process LRU
 * caches (a few minutes at most; writers call `invalidate`). Stock moves with every checkout: it is kept
 * only while the database's change notices arrive, and follows them (FollowedStock).
 */
const CACHE_TTL_MS = 5 * 60_000;
const NAMES_READ_BATCH = 50_000;

export function createCatalogService(db: Kysely<Database>, listener: ChangeListener | null = null, logger?: Logger) {
  const cached = <K extends {}, V extends {}>(max: number, fetch: (keys: readonly K[]) => Promise<(V | null)[]>) =>
    new BatchCache<K, V>({ max, ttlMs: CACHE_TTL_MS, fetch });

  const stock = new FollowedStock((ids) => sumAvailableStock(db, ids), listener, logger);
  // A book read by id brings its authors (one round trip where a page of results showed two).
  const books = cached<number, BookRow>(100_000, async (ids) => {
    const epochs = { authorsOfBook: authorsOfBook.epoch, authors: authors.epoch };
    const found = await findBooksByIds(db, ids);
    authorsOfBook.prime(
      found.map(({ book, authors }) => [book.id, authors]),
      epochs.authorsOfBook,
    );
    // Their names too, for an Author asked for by id (a process with the search index keeps every name anyway).
    authors.prime(
      found.flatMap(({ authors }) => authors.map((author) => [author.id, author] as const)),
      epochs.authors,
    );
    return byKeys(ids, found, ({ book }) => book.id).map((row) => row?.book ?? null);
  });
  // A book looked up by ISBN is nearly always about to be shown: its page's parts come with it.
  const bookIdsByIsbn = cached<string, number>(100_000, async (isbns) => {
    const epochs = { books: books.epoch, authors: authorsOfBook.epoch, publishers: publishers.epoch, stock: stock.epoch };
    const pages = await findBookPagesByIsbn13(db, isbns);
    books.prime(
      pages.map(({ book }) => [book.id, book]),
      epochs.books,
    );
    authorsOfBook.prime(
      pages.map(({ book, authors }) => [book.id, authors]),
      epochs.authors,
    );
    publishers.prime(
      pages.flatMap(({ book, publisherName }) =>
        book.publisherId === null || publisherName === null ? [] : [[book.publisherId, { id: book.publisherId, name: publisherName }] as const],
      ),
      epochs.publishers,
    );
    stock.prime(
      pages.map((page) => page.stock),
      epochs.stock,
    );
    return byKeys(isbns, pages, ({ book }) => book.isbn13).map((page) => page?.book.id ?? null);
  });
  const authorsOfBook = cached<number, AuthorRow[]>(100_000, async (bookIds) => {
    const rows = await findAuthorsOfBooks(db, bookIds);
    return groupByKeys(bookIds, rows, (row) => row.bookId).map((group) => group.map(({ id, name }) => ({ id, name })));
  });
  const authors = cached<number, AuthorRow>(50_000, async (ids) => byKeys(ids, await findAuthorsByIds(db, ids), (author) => author.id));
  const categories = cached<number, CategoryRow>(1_000, async (ids) => byKeys(ids, await findCategoriesByIds(db, ids), (category) => category.id));
  const publishers = cached<number, PublisherRow>(20_000, async (ids) => byKeys(ids, await findPublishersByIds(db, ids), (publisher) => publisher.id));
  const works = cached<number, WorkRow>(50_000, async (ids) => byKeys(ids, await findWorksByIds(db, ids), (work) => work.id));
  const editions = cached<number, number[]>(50_000, async (workIds) => {
    const epoch = books.epoch;
    const found = await findEditionsOfWorks(db, workIds);
    books.prime(
      found.map((book) => [book.id, book]),
      epoch,
    );
    return groupByKeys(workIds, found, (book) => book.workId).map((group) => group.map((book) => book.id));
  });

  const booksByIds = (ids: readonly number[]) => books.load(ids);
  /** Every author's and publisher's name, in processes that show them often (see keepEveryName). */
  let everyAuthorName: NameTable | null = null;
  let everyPublisherName: NameTable | null = null;

  const authorsByIds = async (ids: readonly number[]): Promise<(AuthorRow | null)[]> => namesOf(everyAuthorName, authors, ids);

  return {
    booksByIds,

    async booksByIsbn13(isbns: readonly string[]): Promise<(BookRow | null)[]> {
      const ids = await bookIdsByIsbn.load(isbns);
      return inOrder(ids, await booksByIds(ids.filter(isPresent)));
    },

    // One book's parts for its fields, at once when kept (a book page served from memory waits for nothing).
    authorsOfBook: (bookId: number): MaybePromise<AuthorRow[]> => whenReady(authorsOfBook.get(bookId), (list) => list ?? []),
    publisherName(id: number): MaybePromise<string | null> {
      return everyPublisherName?.nameOf(id) ?? whenReady(namesOf(everyPublisherName, publishers, [id]), ([row]) => row?.name ?? null);
    },
    category: (id: number) => categories.get(id),
    stockOfBook: (bookId: number) => stock.unitsOfBook(bookId),

    /**
     * Authors given by id, in that order (a search result's, from the index): named at once from the kept names
     * (see keepEveryName), so a page of results waits for nothing and leaves nothing cached behind it.
     */
    authorsNamed: (ids: readonly number[]): MaybePromise<AuthorRow[]> => whenReady(namesOf(everyAuthorName, authors, ids), (rows) => rows.filter(isPresent)),

    /** The listed book with this ISBN-13, when both its id and its row are kept (nothing is fetched). */
    keptBookByIsbn13(isbn13: string): BookRow | undefined {
      const id = bookIdsByIsbn.peek(isbn13);
      const row = id === undefined ? undefined : books.peek(id);
      // The ISBN may have passed to another book since it was looked up (the row, read again, says so).
      return row?.isbn13 === isbn13 ? row : undefined;
    },

    authorsByIds,

    /**
     * Reads every author's and publisher's name into packed tables, for a process that names authors in
     * every search's facets and shows book pages: none of them then waits for PostgreSQL for a name (those
     * added later are read once, then kept).
     */
    async keepEveryName(): Promise<void> {
      [everyAuthorName, everyPublisherName] = await Promise.all([readNames(db, 'authors'), readNames(db, 'publishers')]);
    },

    /** Whether every book's stock is kept now (see FollowedStock.keptWhole). */
    get everyStockKept(): boolean {
      return stock.keptWhole;
    },

    /** Reads every book's stock and keeps it in step (see FollowedStock.keepWhole): a book page then reads nothing. */
    keepEveryStock: () => stock.keepWhole({ highestBookId: () => highestBookId(db), stockBetween: (after, upTo) => stockBetween(db, after, upTo) }),
    categoriesByIds: (ids: readonly number[]) => categories.load(ids),
    worksByIds: (ids: readonly number[]) => works.load(ids),

    async editionsOfWorks(workIds: readonly number[]): Promise<BookRow[][]> {
      const idLists = await editions.load(workIds);
      const rows = await booksByIds([...new Set(idLists.flatMap((ids) => ids ?? []))]);
      return idLists.map((ids) => inOrder(ids ?? [], rows).filter(isPresent));
    },

    /** Forget cached rows after the catalogue changed here; this process's next searches wait to see the change. */
    invalidateBooks(ids: readonly number[]): void {
      listener?.wrote();
      forgetBooks(ids);
      bookIdsByIsbn.clear();
      editions.clear();
    },

    forgetBooks,

    availableStock: (bookIds: readonly number[]): Promise<number[]> => stock.units(bookIds),

    categories(): Promise<CategoryRow[]> {
      return listCategories(db);
    },

    /** Stops following (timers of the whole stock's reads). */
    close: () => stock.stop(),
  };

  /** Forget cached rows of books whose facts changed (a price, a stock flag; all of them after a whole read). */
  function forgetBooks(ids: BookChanges): void {
    if (ids === 'all') {
      books.clear();
      authorsOfBook.clear();
    } else {
      books.invalidate(ids);
      authorsOfBook.invalidate(ids);
    }
  }
}
export type CatalogService = ReturnType<typeof createCatalogService>;

/**
 * Names by id, in that order (null where there is none): at once from the kept table when it has them all, else
 * the ones it lacks read through the cache, and learned for good (authors and publishers are never renamed).
 */
function namesOf(table: NameTable | null, cache: BatchCache<number, NamedRow>, ids: readonly number[]): MaybePromise<(NamedRow | null)[]> {
  if (!table) return cache.load(ids);
  const named = ids.map((id) => {
    const name = table.nameOf(id);
    return name === undefined ? null : { id, name };
  });
  if (named.every(isPresent)) return named;
  const unknown = ids.filter((_, i) => named[i] === null);
  return cache.load(unknown).then((read) => {
    const found = read.filter(isPresent);
    table.add(found);
    const byId = new Map(found.map((row) => [row.id, row]));
    return ids.map((id, i) => named[i] ?? byId.get(id) ?? null);
  });
}

/** Every name of a kind, read a batch at a time. */
async function readNames(db: Kysely<Database>, table: 'authors' | 'publishers'): Promise<NameTable> {
  const names = new NameTable();
  for (let after = 0; ;) {
    const batch = await findNamesAfter(db, table, after, NAMES_READ_BATCH);
    names.add(batch);
    if (batch.length < NAMES_READ_BATCH) break;
    after = batch.at(-1)!.id;
  }
  names.compact();
  return names;
}

function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/** The books for these ids, in the ids' order (null where an id is null or unknown). */
function inOrder(ids: readonly (number | null)[], rows: readonly (BookRow | null)[]): (BookRow | null)[] {
  const byId = new Map(rows.filter(isPresent).map((row) => [row.id, row]));
  return ids.map((id) => (id === null ? null : (byId.get(id) ?? null)));
}
