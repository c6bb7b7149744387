import type { BookLookup } from '../../resolvers/catalog/book-discovery.js';
import { DEMAND_WEIGHT } from '../../resolvers/pricing/demand.js';
import { builder } from '../builder.js';
import { BookRef } from './book.js';

const BookLookupStatusEnum = builder.enumType('BookLookupStatus', {
  values: {
    FOUND: { description: 'Folio lists the book, or a partner store carries it and it has just been added: see `book`.' },
    SEARCHING: { description: 'The partner stores have not all answered yet; the search goes on, so ask again in a few seconds.' },
    NOT_CARRIED: { description: 'No partner store carries this ISBN (asked again after a day, and daily while an alert watches it).' },
  },
});

const BookLookupRef = builder.objectRef<BookLookup>('BookLookup').implement({
  description: 'The answer to "does anyone sell this ISBN?": the book, or how far the search at the partner stores has got.',
  fields: (t) => ({
    status: t.field({ type: BookLookupStatusEnum, resolve: (lookup) => lookup.status }),
    book: t.field({ type: BookRef, nullable: true, resolve: (lookup) => lookup.book }),
    storesAsked: t.exposeInt('storesAsked', { description: 'Partner stores asked by this search (0 when Folio already listed the book).' }),
    storesAnswered: t.exposeInt('storesAnswered', { description: 'Of those, the ones that have answered (carried or not).' }),
  }),
});

builder.queryField('bookLookup', (t) =>
  t.field({
    type: BookLookupRef,
    description:
      "Finds any book by a valid ISBN: one Folio does not list is asked of every partner store (shoppers first in their queues), created from the first store's description with its offers, and searchable at once.",
    args: {
      isbn: t.arg.string({ required: true }),
      maxWaitMs: t.arg.int({ description: 'How long to wait for the stores (default 3000, at most 30000); the search goes on after it.' }),
    },
    resolve: async (_root, { isbn, maxWaitMs }, context) => {
      const lookup = await context.services.discovery.lookup(isbn, maxWaitMs ?? undefined);
      if (lookup.book) context.services.demand.record(lookup.book.id, DEMAND_WEIGHT.view);
      return lookup;
    },
  }),
);
