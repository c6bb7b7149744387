import { isbn13To10 } from '../../lib/isbn.js';
import { moneyOrNull } from '../../lib/money.js';
import type { BookRow } from '../../resolvers/catalog/catalog-repository.js';
import { DEMAND_WEIGHT } from '../../resolvers/pricing/demand.js';
import { builder } from '../builder.js';
import { nodeId } from '../common/ids.js';
import { MoneyRef } from '../common/money.js';
import { AuthorRef } from './author.js';
import { CategoryRef } from './category.js';

export const BookFormatEnum = builder.enumType('BookFormat', {
  values: ['HARDCOVER', 'PAPERBACK', 'EBOOK', 'AUDIOBOOK'] as const,
});

export const BookRef = builder.loadableNode('Book', {
  id: { resolve: (book: BookRow) => book.id, parse: nodeId },
  load: (ids: number[], context) => context.services.catalog.booksByIds(ids),
  fields: (t) => ({
    isbn13: t.exposeString('isbn13'),
    isbn10: t.string({ nullable: true, description: 'Null for 979 ISBNs, which have no ISBN-10.', resolve: (book) => isbn13To10(book.isbn13) }),
    title: t.exposeString('title'),
    subtitle: t.exposeString('subtitle', { nullable: true }),
    authors: t.loadableList({
      type: AuthorRef,
      load: (bookIds: number[], context) => context.services.catalog.authorsOfBooks(bookIds),
      resolve: (book) => book.id,
    }),
    publisher: t.loadable({
      type: 'String',
      nullable: true,
      load: (ids: number[], context) => context.services.catalog.publisherNamesByIds(ids),
      resolve: (book) => book.publisherId,
    }),
    publishedYear: t.exposeInt('publishedYear', { nullable: true }),
    language: t.exposeString('language', { nullable: true, description: 'ISO 639-1 code, e.g. "en".' }),
    category: t.loadable({
      type: CategoryRef,
      nullable: true,
      load: (ids: number[], context) => context.services.catalog.categoriesByIds(ids),
      resolve: (book) => book.categoryId,
    }),
    listPrice: t.field({
      type: MoneyRef,
      nullable: true,
      resolve: (book) => moneyOrNull(book.listPriceCents, book.currency),
    }),
    format: t.field({ type: BookFormatEnum, resolve: (book) => book.format }),
    stock: t.loadable({
      type: 'Int',
      description: 'First-party units available now across warehouses (on hand - reserved - sold).',
      load: (ids: number[], context) => context.services.catalog.availableStock(ids),
      resolve: (book) => book.id,
    }),
    available: t.boolean({
      description: 'Whether the book can be bought now, from Folio or a partner store.',
      resolve: (book) => book.inStock,
    }),
  }),
});

builder.queryField('book', (t) =>
  t.field({
    type: BookRef,
    nullable: true,
    description:
      'A book by ISBN-13 or ISBN-10, with or without hyphens or spaces. A book Folio does not list yet is looked for at the partner stores (a few seconds at most; see bookLookup); null when nothing is known of it yet.',
    args: { isbn: t.arg.string({ required: true }) },
    resolve: async (_root, { isbn }, context) => {
      const { book } = await context.services.discovery.lookup(isbn);
      if (book) context.services.demand.record(book.id, DEMAND_WEIGHT.view);
      return book;
    },
  }),
);
