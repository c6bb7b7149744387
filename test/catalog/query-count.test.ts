import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumAvailableStock } from '../../src/resolvers/catalog/catalog-repository.js';
import { loadGeneratedCatalog, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await loadGeneratedCatalog(t, { books: 500, seed: 3 });
  // Loaded through a pool of its own, so not this process's own write: the index takes it in now rather than at
  // its next refresh. The count (and its facet labels) is then known, as it is for every page of a search after its first.
  t.app.services.search.invalidate();
  await t.execute('{ searchBooks(first: 1) { totalCount } }');
});
afterAll(() => t.close());

const PAGE = `query($first: Int!, $sort: BookSort!) { searchBooks(first: $first, sort: $sort) { totalCount edges { node {
  title isbn10 publisher stock category { name } authors { name } work { title editions { isbn13 authors { name } } }
} } } }`;

/** Each call uses another sort, so no cached count hides a statement. */
async function statementsFor(first: number, sort: string): Promise<number> {
  t.statements.length = 0;
  const result = await t.execute(PAGE, { first, sort });
  expect(result.errors).toBeUndefined();
  expect(result.data!.searchBooks.edges).toHaveLength(first);
  return t.statements.length;
}

describe('batching', () => {
  it('loads a page of books with every relation in a constant number of statements', async () => {
    const forTen = await statementsFor(10, 'RELEVANCE');
    const forFifty = await statementsFor(50, 'PRICE_ASC');
    const forHundred = await statementsFor(100, 'NEWEST');
    // A page's authors are read beside its rows, before the editions are known: the editions' authors then take a
    // statement of their own unless they are all kept already (as for the ten here).
    expect(forTen).toBeLessThanOrEqual(forFifty);
    expect(forHundred).toBe(forFifty);
    // the page's rows, their authors, publishers, categories, stock, works, editions, editions' authors
    expect(forFifty).toBeLessThanOrEqual(10);
  });
});

describe('a book page', () => {
  const PAGE = 'query($isbn: String!) { book(isbn: $isbn) { title authors { name } publisher stock } }';
  const newest = async (offset: number) =>
    await t.app.db.selectFrom('books').select(['id', 'isbn13']).orderBy('id', 'desc').offset(offset).limit(1).executeTakeFirstOrThrow();

  it('reads a book the index cannot vouch for, with its authors, publisher and stock, in one statement', async () => {
    const book = await newest(0);
    // Expired: until the next search catches it up, the index does not answer for any book.
    t.app.services.search.invalidate();
    t.statements.length = 0;
    const result = await t.execute(PAGE, { isbn: book.isbn13 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.book.authors.length).toBeGreaterThan(0);
    expect(t.statements).toHaveLength(1);
    t.statements.length = 0;
    await t.execute(PAGE, { isbn: book.isbn13 });
    expect(t.statements).toEqual([]);
  });

  it('reads nothing for a book nobody has asked for, once the index is current and every name and stock is kept', async () => {
    await t.app.services.catalog.keepEveryName();
    await t.app.services.catalog.keepEveryStock();
    t.app.services.search.invalidate();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.execute('{ searchBooks(first: 1) { totalCount } }');
    const book = await newest(1);
    t.statements.length = 0;
    const result = await t.execute(PAGE, { isbn: book.isbn13 });
    expect(result.errors).toBeUndefined();
    expect(t.statements).toEqual([]);
    // The same facts PostgreSQL holds.
    const { rows } = await sql<{ title: string; authors: string[]; publisher: string | null }>`
      SELECT b.title, array(SELECT a.name FROM book_authors ba JOIN authors a ON a.id = ba.author_id WHERE ba.book_id = b.id ORDER BY ba.position) AS authors,
             (SELECT p.name FROM publishers p WHERE p.id = b.publisher_id) AS publisher
      FROM books b WHERE b.id = ${book.id}`.execute(t.app.db);
    const [stock] = await sumAvailableStock(t.app.db, [book.id]);
    expect(result.data!.book).toEqual({
      title: rows[0]!.title,
      authors: rows[0]!.authors.map((name) => ({ name })),
      publisher: rows[0]!.publisher,
      stock: Math.max(0, stock?.units ?? 0),
    });
  });
});

describe('a page of search results', () => {
  it('is written from the index, the books’ authors named in one statement at most', async () => {
    t.app.services.catalog.forgetBooks('all');
    const PAGE = '{ searchBooks(first: 20, sort: TITLE) { edges { node { isbn13 title authors { name } } } } }';
    t.statements.length = 0;
    const result = await t.execute(PAGE);
    expect(result.errors).toBeUndefined();
    const shown = result.data!.searchBooks.edges.map(({ node }: { node: { isbn13: string; authors: { name: string }[] } }) => node);
    expect(shown).toHaveLength(20);
    expect(t.statements.length).toBeLessThanOrEqual(1);
    expect(t.statements.filter((statement) => /from "books"/i.test(statement))).toEqual([]);
    // The authors, in their order, as the table has them.
    const { rows } = await sql<{ isbn13: string; names: string[] }>`
      SELECT b.isbn13, array(SELECT a.name FROM book_authors ba JOIN authors a ON a.id = ba.author_id WHERE ba.book_id = b.id ORDER BY ba.position) AS names
      FROM books b WHERE b.isbn13 = any(${shown.map((book: { isbn13: string }) => book.isbn13)})`.execute(t.app.db);
    const names = new Map(rows.map((row) => [row.isbn13, row.names]));
    for (const book of shown) expect(book.authors.map((author: { name: string }) => author.name)).toEqual(names.get(book.isbn13));
  });
});

describe("a search's author facet", () => {
  const FACETS = 'query($query: String!) { searchBooks(query: $query, first: 1) { facets { authors { value label } } } }';
  const authorsFacet = async (query: string) => {
    const result = await t.execute(FACETS, { query });
    expect(result.errors).toBeUndefined();
    return (result.data!.searchBooks.facets.authors as { label: string }[]).map((author) => author.label);
  };

  it('names its authors from memory once every name is kept, and reads an author added since once', async () => {
    await t.app.services.catalog.keepEveryName();
    t.app.services.catalog.forgetBooks('all');
    t.statements.length = 0;
    const named = await authorsFacet('the');
    expect(named.length).toBeGreaterThan(0);
    expect(t.statements.filter((statement) => /from "authors"/i.test(statement))).toEqual([]);

    // An author added by another process after the names were read: named on first sight, then from memory.
    const pool = new pg.Pool({ connectionString: t.databaseUrl, max: 1 });
    const { rows } = await pool.query<{ id: string }>("INSERT INTO authors (name) VALUES ('Zdenka Quillfeather, Jr.') RETURNING id");
    await pool.query(
      "UPDATE books SET author_ids = array_append(author_ids, $1::bigint), title = title || ' Quillwort' WHERE id = (SELECT min(id) FROM books)",
      [rows[0]!.id],
    );
    await pool.end();
    t.app.services.search.invalidate();
    expect(await authorsFacet('quillwort')).toContain('Zdenka Quillfeather, Jr.');
    t.statements.length = 0;
    expect(await authorsFacet('quillwort the')).toContain('Zdenka Quillfeather, Jr.');
    expect(t.statements.filter((statement) => /from "authors"/i.test(statement))).toEqual([]);
  });
});
