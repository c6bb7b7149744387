import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { InvalidInputError } from '../../lib/errors.js';
import { IsbnError, parseIsbn } from '../../lib/isbn.js';
import { byKeys, groupByKeys } from '../batch.js';
import {
  type AuthorRow,
  type BookRow,
  type CategoryRow,
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

export function createCatalogService(db: Kysely<Database>) {
  return {
    async booksByIds(ids: readonly number[]): Promise<(BookRow | null)[]> {
      return byKeys(ids, await findBooksByIds(db, ids), (book) => book.id);
    },

    async booksByIsbn13(isbns: readonly string[]): Promise<(BookRow | null)[]> {
      return byKeys(isbns, await findBooksByIsbn13(db, isbns), (book) => book.isbn13);
    },

    async authorsOfBooks(bookIds: readonly number[]): Promise<AuthorRow[][]> {
      const rows = await findAuthorsOfBooks(db, bookIds);
      return groupByKeys(bookIds, rows, (row) => row.bookId).map((group) => group.map(({ id, name }) => ({ id, name })));
    },

    async authorsByIds(ids: readonly number[]) {
      return byKeys(ids, await findAuthorsByIds(db, ids), (author) => author.id);
    },

    async categoriesByIds(ids: readonly number[]) {
      return byKeys(ids, await findCategoriesByIds(db, ids), (category) => category.id);
    },

    async publisherNamesByIds(ids: readonly number[]): Promise<(string | null)[]> {
      const publishers = byKeys(ids, await findPublishersByIds(db, ids), (publisher) => publisher.id);
      return publishers.map((publisher) => publisher?.name ?? null);
    },

    async worksByIds(ids: readonly number[]) {
      return byKeys(ids, await findWorksByIds(db, ids), (work) => work.id);
    },

    async editionsOfWorks(workIds: readonly number[]): Promise<BookRow[][]> {
      return groupByKeys(workIds, await findEditionsOfWorks(db, workIds), (book) => book.workId);
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
