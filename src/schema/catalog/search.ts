import { encodeGlobalID } from '@pothos/plugin-relay';
import { MAX_PAGE_SIZE, type FacetCount, type SearchFacets, type SearchResult } from '../../resolvers/catalog/search-service.js';
import { z } from 'zod';
import { builder } from '../builder.js';
import { idsOf } from '../common/ids.js';
import { selectsAny } from '../common/selection.js';
import { AuthorRef } from './author.js';
import { BookRef } from './book.js';
import { CategoryRef } from './category.js';

const BookSortEnum = builder.enumType('BookSort', {
  values: {
    RELEVANCE: { description: 'Exact title matches first, then text rank, then popularity. Without a query: most popular first.' },
    PRICE_ASC: { description: 'Cheapest first; books without a price last.' },
    PRICE_DESC: { description: 'Most expensive first.' },
    NEWEST: { description: 'Most recently published first.' },
    TITLE: { description: 'By title, A to Z.' },
  },
});

const BookFilterInput = builder.inputType('BookFilter', {
  fields: (t) => ({
    categoryIds: t.globalIDList({ for: CategoryRef }),
    authorIds: t.globalIDList({ for: AuthorRef }),
    languages: t.stringList({ description: 'ISO 639-1 codes, e.g. ["en", "de"].' }),
    minPriceCents: t.int({ validate: z.number().int().min(0) }),
    maxPriceCents: t.int({ validate: z.number().int().min(0) }),
    inStockOnly: t.boolean(),
    yearFrom: t.int(),
    yearTo: t.int(),
  }),
});

const FacetCountRef = builder.objectRef<FacetCount>('FacetCount').implement({
  description: 'One value of a facet: `value` is what to pass back in BookFilter (an ID for categories and authors).',
  fields: (t) => ({
    value: t.exposeString('value'),
    label: t.exposeString('label'),
    count: t.exposeInt('count'),
  }),
});

const withGlobalIds = (typename: string, counts: FacetCount[]) => counts.map((count) => ({ ...count, value: encodeGlobalID(typename, count.value) }));

const SearchFacetsRef = builder.objectRef<SearchFacets>('SearchFacets').implement({
  description: 'Counts over every book the search matches (not only this page), with its filters applied.',
  fields: (t) => ({
    categories: t.field({ type: [FacetCountRef], resolve: (facets) => withGlobalIds('Category', facets.categories) }),
    authors: t.field({ type: [FacetCountRef], description: 'The 20 most frequent.', resolve: (facets) => withGlobalIds('Author', facets.authors) }),
    languages: t.field({ type: [FacetCountRef], resolve: (facets) => facets.languages }),
    priceRanges: t.field({
      type: [FacetCountRef],
      description: 'Value "1000-1999" means minPriceCents 1000, maxPriceCents 1999; "5000-" has no maximum.',
      resolve: (facets) => facets.priceRanges,
    }),
    inStock: t.exposeInt('inStock', { description: 'How many matching books can be bought now.' }),
  }),
});

const SearchModeEnum = builder.enumType('SearchMode', {
  values: {
    TEXT: { description: 'Every word matched (the last one as a prefix).' },
    CORRECTED: { description: 'Nothing matched as typed; these match the corrected spelling in `correctedQuery`.' },
    FUZZY: { description: 'Nothing matched as typed or corrected, so these are titles and authors that look similar.' },
    BROWSE: { description: 'No query text: the whole catalogue, filtered.' },
  },
});

const BookSearchConnection = builder.connectionObject(
  {
    type: BookRef,
    name: 'BookSearchConnection',
    fields: (t) => ({
      totalCount: t.int({ resolve: async (result) => (await (result as SearchResult).summary()).totalCount }),
      facets: t.field({ type: SearchFacetsRef, resolve: async (result) => (await (result as SearchResult).summary()).facets }),
      mode: t.field({ type: SearchModeEnum, resolve: (result) => (result as SearchResult).mode }),
      correctedQuery: t.string({
        nullable: true,
        description: 'Set when misspelled words were corrected: "Showing results for …".',
        resolve: (result) => (result as SearchResult).correctedQuery,
      }),
    }),
  },
  { name: 'BookEdge' },
);

builder.queryField('searchBooks', (t) =>
  t.field({
    type: BookSearchConnection,
    description: 'Full-text search over titles, authors and subtitles, with typo tolerance, filters, facets and cursor pages.',
    args: {
      query: t.arg.string(),
      filter: t.arg({ type: BookFilterInput }),
      sort: t.arg({ type: BookSortEnum, defaultValue: 'RELEVANCE', required: true }),
      first: t.arg.int({ defaultValue: 20, required: true, validate: z.number().int().min(1).max(MAX_PAGE_SIZE) }),
      after: t.arg.string(),
    },
    resolve: (_root, args, context, info) =>
      context.services.search.searchBooks({
        eagerSummary: selectsAny(info, ['totalCount', 'facets']),
        query: args.query,
        sort: args.sort,
        first: args.first,
        after: args.after,
        filter: args.filter && {
          ...args.filter,
          categoryIds: idsOf(args.filter.categoryIds),
          authorIds: idsOf(args.filter.authorIds),
        },
      }),
  }),
);
