import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchService, type SearchRequest, type SearchService } from '../../src/resolvers/catalog/search-service.js';
import { createBook } from '../factories/catalog.js';
import { loadGeneratedCatalog, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
/** The same searches answered by PostgreSQL alone, the reference the index is held to. */
let postgresOnly: SearchService;

beforeAll(async () => {
  t = await startTestApp();
  await loadGeneratedCatalog(t, { books: 4_000, seed: 11 });
  postgresOnly = createSearchService(t.app.db);
});
afterAll(() => t.close());

const SEARCH = `query($query: String, $filter: BookFilter, $sort: BookSort, $first: Int, $after: String) {
  searchBooks(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount mode edges { node { id title } } pageInfo { endCursor }
    facets { categories { label count } inStock } } }`;

async function search(variables: Record<string, unknown>) {
  const result = await t.execute(SEARCH, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.searchBooks;
}

async function bothEngines(request: Omit<SearchRequest, 'first' | 'sort'> & { sort?: SearchRequest['sort']; first?: number }) {
  const full: SearchRequest = { sort: 'RELEVANCE', first: 20, ...request };
  t.app.services.search.invalidate();
  const [fromIndex, fromPostgres] = await Promise.all([t.app.services.search.searchBooks(full), postgresOnly.searchBooks(full)]);
  return { fromIndex, fromPostgres, summaries: await Promise.all([fromIndex.summary(), fromPostgres.summary()]) };
}

async function someCategoryAndAuthor() {
  const { rows } = await sql<{ categoryId: number; authorId: number }>`
    SELECT category_id, author_ids[1] AS author_id FROM books WHERE category_id IS NOT NULL AND cardinality(author_ids) > 0
    ORDER BY demand_score DESC LIMIT 1`.execute(t.app.db);
  return rows[0]!;
}

async function authorIdsOf(bookIds: number[]): Promise<Map<number, number[]>> {
  const { rows } = await sql<{ id: number; authorIds: number[] }>`SELECT id, author_ids FROM books WHERE id = any(${bookIds})`.execute(t.app.db);
  return new Map(rows.map((row) => [row.id, row.authorIds.map(Number)]));
}

describe('the search index agrees with PostgreSQL', () => {
  const queries = ['the', 'of', 'love', 'his', 'a', 'the hi', 'zzzz', 'of the', 'new yo'];

  it.each(queries)('counts and facets for %j match the SQL summary, with and without filters', async (query) => {
    const { categoryId, authorId } = await someCategoryAndAuthor();
    const filters = [
      {},
      { inStockOnly: true },
      { languages: ['en', 'fr'] },
      { categoryIds: [categoryId] },
      { authorIds: [authorId] },
      { minPriceCents: 1000, maxPriceCents: 2999 },
      { yearFrom: 1990, yearTo: 2010 },
      { languages: ['en'], inStockOnly: true, maxPriceCents: 1999 },
    ];
    for (const filter of filters) {
      const {
        summaries: [fromIndex, fromPostgres],
      } = await bothEngines({ query, filter });
      expect({ query, filter, summary: fromIndex }).toEqual({ query, filter, summary: fromPostgres });
    }
  });

  it.each(['PRICE_ASC', 'PRICE_DESC', 'NEWEST', 'TITLE'] as const)('orders %s exactly as PostgreSQL does, page after page', async (sort) => {
    for (const query of [null, 'the', 'love']) {
      const after = { index: null as string | null, postgres: null as string | null };
      for (let page = 0; page < 3; page++) {
        const [fromIndex, fromPostgres] = await Promise.all([
          t.app.services.search.searchBooks({ query, sort, first: 50, after: after.index }),
          postgresOnly.searchBooks({ query, sort, first: 50, after: after.postgres }),
        ]);
        // Whole rows: the index writes them from its own copy, which must be the table's (its authors' ids too).
        const authorIds = await authorIdsOf(fromPostgres.edges.map((edge) => edge.node.id));
        const expected = fromPostgres.edges.map((edge) => ({ ...edge.node, authorIds: authorIds.get(edge.node.id) }));
        expect({ query, page, rows: fromIndex.edges.map((edge) => edge.node) }).toEqual({ query, page, rows: expected });
        after.index = fromIndex.pageInfo.endCursor;
        after.postgres = fromPostgres.pageInfo.endCursor;
      }
    }
  });

  it('browses by popularity as PostgreSQL does when there are no words', async () => {
    const { fromIndex, fromPostgres } = await bothEngines({ query: null, first: 100 });
    expect(fromIndex.edges.map((edge) => edge.node.id)).toEqual(fromPostgres.edges.map((edge) => edge.node.id));
  });

  it('refuses a cursor made by the other engine rather than skipping or repeating books', async () => {
    const fromPostgres = await postgresOnly.searchBooks({ query: 'the', sort: 'RELEVANCE', first: 5 });
    const result = await t.execute(SEARCH, { query: 'the', first: 5, after: fromPostgres.pageInfo.endCursor });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the search index follows the catalogue', () => {
  it('finds a book the moment its insert has committed, and follows its price and removal', async () => {
    const before = await search({ query: 'quixotically', first: 5 });
    expect(before.totalCount).toBe(0);
    const book = await createBook(t.app.db, { title: 'Quixotically Yours', priceCents: 1200, categorySlug: 'fiction' });
    t.app.services.search.invalidate();
    expect(await search({ query: 'quixotically', first: 5 })).toMatchObject({ totalCount: 1, edges: [{ node: { title: 'Quixotically Yours' } }] });
    expect((await search({ query: 'quixotically', filter: { maxPriceCents: 999 } })).totalCount).toBe(0);

    await t.app.db.updateTable('books').set({ priceCents: 900 }).where('id', '=', book.id).execute();
    t.app.services.search.invalidate();
    expect((await search({ query: 'quixotically', filter: { maxPriceCents: 999 } })).totalCount).toBe(1);

    // Facts a result shows without matching on them follow too.
    await t.app.db
      .updateTable('books')
      .set({ listPriceCents: 1500, format: 'HARDCOVER', subtitle: 'A Novel', publishedYear: 2001 })
      .where('id', '=', book.id)
      .execute();
    t.app.services.search.invalidate();
    const [row] = await t.app.db.selectFrom('books').selectAll().where('id', '=', book.id).execute();
    const [shown] = (await t.app.services.search.searchBooks({ query: 'quixotically', sort: 'RELEVANCE', first: 1 })).edges;
    expect(shown!.node).toMatchObject({
      listPriceCents: 1500,
      format: 'HARDCOVER',
      subtitle: 'A Novel',
      publishedYear: 2001,
      isbn13: row!.isbn13,
      workId: row!.workId,
    });

    await t.app.db.updateTable('books').set({ title: 'Plainly Yours' }).where('id', '=', book.id).execute();
    t.app.services.search.invalidate();
    // A word that no longer matches is searched for corrected, so look for the book rather than for no results.
    const titles = async (query: string) => (await search({ query })).edges.map((edge: any) => edge.node.title);
    expect(await titles('quixotically')).not.toContain('Plainly Yours');
    expect(await titles('plainly')).toEqual(['Plainly Yours']);

    await t.app.db.deleteFrom('books').where('id', '=', book.id).execute();
    t.app.services.search.invalidate();
    expect(await titles('plainly')).not.toContain('Plainly Yours');
  });

  it('reads the catalogue again after losing its connection, so changes made meanwhile are not missed', async () => {
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE application_name = 'folio-change-listener' AND datname = current_database()`.execute(t.app.db);
    await createBook(t.app.db, { title: 'Zephyrous Interlude' });
    let found = 0;
    for (let attempt = 0; attempt < 50 && found === 0; attempt++) {
      t.app.services.search.invalidate();
      found = (await search({ query: 'zephyrous' })).totalCount;
      if (found === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(found).toBe(1);
  });
});
