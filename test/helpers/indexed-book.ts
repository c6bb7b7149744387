import type { IndexedBook } from '../../src/search/book-index.js';

/** A book as the search index takes it, with plain values for whatever a test does not care about. */
export function indexedBook(fields: Pick<IndexedBook, 'id' | 'title' | 'lexemes'> & Partial<IndexedBook>): IndexedBook {
  return {
    isbn13: String(9780000000000 + fields.id),
    workId: fields.id,
    subtitle: null,
    authorIds: [],
    publisherId: null,
    publishedYear: null,
    language: null,
    categoryId: null,
    format: 'PAPERBACK',
    currency: 'USD',
    listPriceCents: null,
    priceCents: null,
    inStock: false,
    demandScore: 0,
    ...fields,
  };
}
