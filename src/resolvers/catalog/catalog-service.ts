import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { InvalidInputError } from '../../lib/errors.js';
import { IsbnError, parseIsbn } from '../../lib/isbn.js';
import { BatchCache } from '../../lib/batch-cache.js';
import { byKeys, groupByKeys } from '../batch.js';
import {
  type AuthorRow,
  type BookRow,
  type CategoryRow,
  type WorkRow,
  findAuthorsByIds,
  findAuthorsOfBooks,
  findBooksByIds,
  findBooksByIsbn13,
  findCategoriesByIds,
  findEditionsOfWorks,
  findPublishersByIds,
  findWorksByIds,
  listCategories,
  sumAvailableStock,
} from './catalog-repository.js';

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
 * caches (a few minutes at most; writers call `invalidate`). Stock is never cached: it moves with
 * every checkout.
 */
const CACHE_TTL_MS = 5 * 60_000;

export function createCatalogService(db: Kysely<Database>) {
  const books = new BatchCache<number, BookRow>({ max: 100_000, ttlMs: CACHE_TTL_MS });
  const bookIdsByIsbn = new BatchCache<string, number>({ max: 100_000, ttlMs: CACHE_TTL_MS });
  const authorsOfBook = new BatchCache<number, AuthorRow[]>({ max: 100_000, ttlMs: CACHE_TTL_MS });
  const authors = new BatchCache<number, AuthorRow>({ max: 50_000, ttlMs: CACHE_TTL_MS });
  const categories = new BatchCache<number, CategoryRow>({ max: 1_000, ttlMs: CACHE_TTL_MS });
  const publisherNames = new BatchCache<number, string>({ max: 20_000, ttlMs: CACHE_TTL_MS });
  const works = new BatchCache<number, WorkRow>({ max: 50_000, ttlMs: CACHE_TTL_MS });
  const editions = new BatchCache<number, number[]>({ max: 50_000, ttlMs: CACHE_TTL_MS });

  const booksByIds = (ids: readonly number[]) =>
    books.load(ids, async (missing) => byKeys(missing, await findBooksByIds(db, missing), (book) => book.id));

  return {
    booksByIds,

    async booksByIsbn13(isbns: readonly string[]): Promise<(BookRow | null)[]> {
      const ids = await bookIdsByIsbn.load(isbns, async (missing) => {
        const found = await findBooksByIsbn13(db, missing);
        books.prime(found.map((book) => [book.id, book]));
        return byKeys(missing, found, (book) => book.isbn13).map((book) => book?.id ?? null);
      });
      return inOrder(ids, await booksByIds(ids.filter(isPresent)));
    },

    async authorsOfBooks(bookIds: readonly number[]): Promise<AuthorRow[][]> {
      const lists = await authorsOfBook.load(bookIds, async (missing) => {
        const rows = await findAuthorsOfBooks(db, missing);
        return groupByKeys(missing, rows, (row) => row.bookId).map((group) => group.map(({ id, name }) => ({ id, name })));
      });
      return lists.map((list) => list ?? []);
    },

    authorsByIds(ids: readonly number[]) {
      return authors.load(ids, async (missing) => byKeys(missing, await findAuthorsByIds(db, missing), (author) => author.id));
    },

    categoriesByIds(ids: readonly number[]) {
      return categories.load(ids, async (missing) => byKeys(missing, await findCategoriesByIds(db, missing), (category) => category.id));
    },

    publisherNamesByIds(ids: readonly number[]): Promise<(string | null)[]> {
      return publisherNames.load(ids, async (missing) =>
        byKeys(missing, await findPublishersByIds(db, missing), (publisher) => publisher.id).map((publisher) => publisher?.name ?? null),
      );
    },

    worksByIds(ids: readonly number[]) {
      return works.load(ids, async (missing) => byKeys(missing, await findWorksByIds(db, missing), (work) => work.id));
    },

    async editionsOfWorks(workIds: readonly number[]): Promise<BookRow[][]> {
      const idLists = await editions.load(workIds, async (missing) => {
        const found = await findEditionsOfWorks(db, missing);
        books.prime(found.map((book) => [book.id, book]));
        return groupByKeys(missing, found, (book) => book.workId).map((group) => group.map((book) => book.id));
      });
      const rows = await booksByIds([...new Set(idLists.flatMap((ids) => ids ?? []))]);
      return idLists.map((ids) => inOrder(ids ?? [], rows).filter(isPresent));
    },

    /** Forget cached rows after the catalogue changes (the search cache expires on its own). */
    invalidateBooks(ids: readonly number[]): void {
      books.invalidate(ids);
      authorsOfBook.invalidate(ids);
      bookIdsByIsbn.clear();
      editions.clear();
    },

    async availableStock(bookIds: readonly number[]): Promise<number[]> {
      const rows = await sumAvailableStock(db, bookIds);
      return byKeys(bookIds, rows, (row) => row.bookId).map((row) => Math.max(0, row?.units ?? 0));
    },

    categories(): Promise<CategoryRow[]> {
      return listCategories(db);
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;

function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/** The books for these ids, in the ids' order (null where an id is null or unknown). */
function inOrder(ids: readonly (number | null)[], rows: readonly (BookRow | null)[]): (BookRow | null)[] {
  const byId = new Map(rows.filter(isPresent).map((row) => [row.id, row]));
  return ids.map((id) => (id === null ? null : (byId.get(id) ?? null)));
}
