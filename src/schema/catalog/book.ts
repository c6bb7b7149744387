import { isbn13To10 } from '../../lib/isbn.js';
import { whenReady } from '../../lib/maybe-promise.js';
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
    // A book's parts come from in-process caches that batch their misses across requests: on a hit the
    // field is answered at once, without a per-request loader or a promise.
    authors: t.field({
      type: [AuthorRef],
      resolve: (book, _args, context) =>
        book.authorIds ? context.services.catalog.authorsNamed(book.authorIds) : context.services.catalog.authorsOfBook(book.id),
    }),
    publisher: t.string({
      nullable: true,
      resolve: (book, _args, context) => (book.publisherId === null ? null : context.services.catalog.publisherName(book.publisherId)),
    }),
    publishedYear: t.exposeInt('publishedYear', { nullable: true }),
    language: t.exposeString('language', { nullable: true, description: 'ISO 639-1 code, e.g. "en".' }),
    category: t.field({
      type: CategoryRef,
      nullable: true,
      resolve: (book, _args, context) => (book.categoryId === null ? null : context.services.catalog.category(book.categoryId)),
    }),
    listPrice: t.field({
      type: MoneyRef,
      nullable: true,
      resolve: (book) => moneyOrNull(book.listPriceCents, book.currency),
    }),
    format: t.field({ type: BookFormatEnum, resolve: (book) => book.format }),
    stock: t.int({
      description: 'First-party units available now across warehouses (on hand - reserved - sold).',
      resolve: (book, _args, context) => context.services.catalog.stockOfBook(book.id),
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
    resolve: (_root, { isbn }, context) =>
      whenReady(context.services.discovery.find(isbn), (book) => {
        if (book) context.services.demand.record(book.id, DEMAND_WEIGHT.view);
        return book;
      }),
  }),
);
