import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchResultLookups } from '../../src/lib/metrics.js';
import { RANKED_CANDIDATES } from '../../src/resolvers/catalog/search-pages.js';
import { createBook } from '../factories/catalog.js';
import { loadGeneratedCatalog, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await loadGeneratedCatalog(t, { books: 3_000, seed: 7 });
  await createBook(t.app.db, { title: 'Children of Dune', authors: ['Frank Herbert'], demandScore: 900, categorySlug: 'fiction' });
  await createBook(t.app.db, { title: 'Dune Messiah', authors: ['Frank Herbert'], demandScore: 500, categorySlug: 'fiction' });
  await createBook(t.app.db, { title: 'Dune', authors: ['Frank Herbert'], demandScore: 1, categorySlug: 'fiction' });
  await createBook(t.app.db, { title: "Harry Potter and the Philosopher's Stone", authors: ['J. K. Rowling'], demandScore: 50, categorySlug: 'fiction' });
  await createBook(t.app.db, { title: 'Harry Potter and the Chamber of Secrets', authors: ['J. K. Rowling'], demandScore: 40, categorySlug: 'fiction' });
  await t.app.services.search.refreshTerms();
});
afterAll(() => t.close());

const SEARCH = `query($query: String, $filter: BookFilter, $sort: BookSort, $first: Int, $after: String) {
  searchBooks(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount mode
    pageInfo { hasNextPage endCursor }
    edges { node { id title priceCents: listPrice { cents } publishedYear } }
    facets { categories { value label count } authors { value label count } languages { value label count }
             priceRanges { value label count } inStock }
  } }`;

async function search(variables: Record<string, unknown>) {
  const result = await t.execute(SEARCH, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.searchBooks;
}

describe('relevance and matching', () => {
  it('puts the exact title match first, ahead of more popular partial matches', async () => {
    const result = await search({ query: 'Dune' });
    expect(result.mode).toBe('TEXT');
    expect(result.edges.map((edge: any) => edge.node.title).slice(0, 3)).toEqual(['Dune', 'Children of Dune', 'Dune Messiah']);
  });

  it('ranks an unpopular exact title first even among hundreds of more popular matches', async () => {
    const before = await search({ query: 'the', first: 1 });
    expect(before.totalCount).toBeGreaterThan(RANKED_CANDIDATES);
    await createBook(t.app.db, { title: 'The', authors: ['Nobody Special'], demandScore: 0, categorySlug: 'fiction' });
    t.app.services.search.invalidate();
    const result = await search({ query: 'the', first: 3 });
    expect(result.edges[0].node.title).toBe('The');
  });

  it('matches the last word as a prefix while typing', async () => {
    const result = await search({ query: 'harry pott' });
    expect(result.mode).toBe('TEXT');
    expect(result.totalCount).toBe(2);
  });

  it('finds books despite typos by correcting the spelling', async () => {
    const result = await t.execute(`{ searchBooks(query: "hary poter") { mode correctedQuery totalCount edges { node { title } } } }`);
    expect(result.data?.searchBooks).toMatchObject({ mode: 'CORRECTED', correctedQuery: 'harry potter', totalCount: 2 });
    expect(result.data?.searchBooks.edges[0].node.title).toMatch(/^Harry Potter/);
  });

  it('falls back to similar titles when no word can be corrected', async () => {
    // One run-together word: too many typos away from any word, yet close to a title.
    const result = await t.execute(`{ searchBooks(query: "harrypottr") { mode edges { node { title } } } }`);
    expect(result.data?.searchBooks.mode).toBe('FUZZY');
    expect(result.data?.searchBooks.edges[0].node.title).toMatch(/^Harry Potter/);
  });

  it('looks for similar titles when the corrected words still find nothing together', async () => {
    const result = await t.execute(`{ searchBooks(query: "hary potter zx") { mode edges { node { title } } } }`);
    expect(result.data?.searchBooks.mode).toBe('FUZZY');
    expect(result.data?.searchBooks.edges[0]?.node.title).toMatch(/^Harry Potter/);
  });

  it('corrects short words too: one typo in a word of up to four letters', async () => {
    const result = await t.execute(`{ searchBooks(query: "dne") { mode correctedQuery edges { node { title } } } }`);
    expect(result.data?.searchBooks).toMatchObject({ mode: 'CORRECTED', correctedQuery: 'dune' });
    expect(result.data?.searchBooks.edges[0].node.title).toBe('Dune');
  });

  it('pages through corrected results with the corrected words', async () => {
    const first = await search({ query: 'hary', first: 1 });
    expect(first.mode).toBe('CORRECTED');
    const second = await search({ query: 'hary', first: 1, after: first.pageInfo.endCursor });
    expect(second.mode).toBe('CORRECTED');
    expect(second.edges[0].node.id).not.toBe(first.edges[0].node.id);
  });

  it('finds books by author name', async () => {
    const result = await search({ query: 'rowling' });
    expect(result.totalCount).toBe(2);
  });

  it('does not fall back to near matches when the words match but the filters exclude them', async () => {
    const result = await search({ query: 'rowling', filter: { languages: ['ja'] } });
    expect(result.mode).toBe('TEXT');
    expect(result.totalCount).toBe(0);
  });

  it('returns an empty page, not an error, for nonsense', async () => {
    const result = await search({ query: 'zzqxv wvvkq' });
    expect(result.totalCount).toBe(0);
    expect(result.edges).toEqual([]);
  });
});

describe('facets agree with filters', () => {
  it.each([[null], ['the']])('for query %s, every facet count equals the total of that filter', async (query) => {
    const base = await search({ query, first: 1 });
    expect(base.totalCount).toBeGreaterThan(100);
    const checks: [Record<string, unknown>, number][] = [
      ...base.facets.categories.map((f: any) => [{ categoryIds: [f.value] }, f.count]),
      ...base.facets.languages.map((f: any) => [{ languages: [f.value] }, f.count]),
      ...base.facets.authors.slice(0, 5).map((f: any) => [{ authorIds: [f.value] }, f.count]),
      ...base.facets.priceRanges.map((f: any) => {
        const [min, max] = f.value.split('-');
        return [{ minPriceCents: Number(min), ...(max ? { maxPriceCents: Number(max) } : {}) }, f.count];
      }),
      [{ inStockOnly: true }, base.facets.inStock],
    ];
    for (const [filter, count] of checks) {
      const filtered = await search({ query, filter, first: 1 });
      expect({ filter, total: filtered.totalCount }).toEqual({ filter, total: count });
    }
    const categorySum = base.facets.categories.reduce((sum: number, f: any) => sum + f.count, 0);
    const priceSum = base.facets.priceRanges.reduce((sum: number, f: any) => sum + f.count, 0);
    expect(categorySum).toBe(base.totalCount);
    expect(priceSum).toBe(base.totalCount);
  });

  it('narrows facets as filters are combined', async () => {
    const all = await search({ first: 1 });
    const english = all.facets.languages.find((f: any) => f.value === 'en');
    const category = all.facets.categories[0];
    const both = await search({ filter: { languages: ['en'], categoryIds: [category.value] }, first: 1 });
    expect(both.totalCount).toBeLessThanOrEqual(Math.min(english.count, category.count));
    expect(both.facets.categories).toEqual([{ ...category, count: both.totalCount }]);
  });
});

describe('cursor pagination', () => {
  const orders: [string, string | null, (a: any, b: any) => boolean][] = [
    ['RELEVANCE', null, () => true],
    ['RELEVANCE', 'the', () => true],
    ['PRICE_ASC', null, (a, b) => a.priceCents.cents <= b.priceCents.cents],
    ['PRICE_DESC', null, (a, b) => a.priceCents.cents >= b.priceCents.cents],
    ['NEWEST', null, (a, b) => a.publishedYear >= b.publishedYear],
    ['TITLE', 'of', (a, b) => Buffer.compare(Buffer.from(a.title), Buffer.from(b.title)) <= 0],
  ];

  it.each(orders)('pages through %s (query %s) with no duplicates or gaps', async (sort, query, inOrder) => {
    const seen: any[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 40; page++) {
      const result: any = await search({ query, sort, first: 97, after });
      total = result.totalCount;
      seen.push(...result.edges.map((edge: any) => edge.node));
      if (!result.pageInfo.hasNextPage || seen.length >= 1_000) break;
      after = result.pageInfo.endCursor;
    }
    expect(seen.length).toBeGreaterThanOrEqual(Math.min(1_000, total));
    expect(new Set(seen.map((node) => node.id)).size).toBe(seen.length);
    for (let i = 1; i < seen.length; i++) expect(inOrder(seen[i - 1], seen[i])).toBe(true);
    if (seen.length < 1_000) expect(seen.length).toBe(total);
  });

  it('refuses a cursor from a different search', async () => {
    const first = await search({ query: 'the', first: 5 });
    const result = await t.execute(SEARCH, { query: 'of', first: 5, after: first.pageInfo.endCursor });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const garbage = await t.execute(SEARCH, { first: 5, after: 'bm90IGEgY3Vyc29y' });
    expect(garbage.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('bad input', () => {
  it.each([
    [{ first: 0 }, /first/],
    [{ first: 101 }, /first/],
    [{ filter: { minPriceCents: 500, maxPriceCents: 100 } }, /minPriceCents/],
    [{ filter: { minPriceCents: -1 } }, /minPriceCents|at least|>=/],
    [{ filter: { languages: ['english'] } }, /language/],
    [{ filter: { yearFrom: 2020, yearTo: 2000 } }, /yearFrom/],
    [{ filter: { categoryIds: ['bm9wZQ=='] } }, /./],
  ])('refuses %j with BAD_USER_INPUT', async (variables, message) => {
    const result = await t.execute(SEARCH, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
  });
});

describe('the result cache counter', () => {
  const counted = async () => {
    const values = (await searchResultLookups.get()).values;
    return Object.fromEntries(values.map(({ labels, value }) => [`${labels.part} ${labels.outcome}`, value]));
  };

  it('counts a new search as computed once and its repeat as kept, page and counts alike', async () => {
    const before = await counted();
    const delta = async () => {
      const now = await counted();
      return Object.fromEntries(Object.entries(now).map(([key, value]) => [key, value - (before[key] ?? 0)]));
    };
    await search({ query: 'chamber secrets' });
    expect(await delta()).toEqual({ 'page computed': 1, 'summary computed': 1, 'page kept': 0, 'summary kept': 0 });
    await search({ query: 'chamber secrets' });
    expect(await delta()).toEqual({ 'page computed': 1, 'summary computed': 1, 'page kept': 1, 'summary kept': 1 });
  });

  it('keeps the counts of a repeated search beside its page while a run of one-off searches passes through', async () => {
    const summaryOf = async (query: string) => (await t.app.services.search.searchBooks({ query, sort: 'RELEVANCE', first: 5, eagerSummary: true })).summary();
    await summaryOf('philosopher stone');
    await summaryOf('philosopher stone');
    // More one-off searches than the probation segment holds (their words unknown, so each is its own search).
    for (let n = 0; n < 1_100; n++) await summaryOf(`unheardof${n}`);
    const before = await counted();
    await summaryOf('philosopher stone');
    const after = await counted();
    expect({ page: after['page computed']! - before['page computed']!, summary: after['summary computed']! - before['summary computed']! }).toEqual({
      page: 0,
      summary: 0,
    });
  });
});
