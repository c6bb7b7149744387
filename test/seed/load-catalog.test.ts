import { sql } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../src/db/connect.js';
import { parseIsbn } from '../../src/lib/isbn.js';
import { loadCatalog, type LoadResult } from '../../src/seed/load-catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let pool: pg.Pool;
let first: LoadResult;

beforeAll(async () => {
  t = await startTestApp();
  pool = createPool({ connectionString: t.databaseUrl, poolSize: 3 });
  first = await loadCatalog(pool, { books: 5_000, seed: 11, curated: true });
});
afterAll(async () => {
  await pool.end();
  await t.close();
});

describe('loadCatalog', () => {
  it('loads the requested books with valid, unique ISBNs', async () => {
    const { rows } = await pool.query<{ isbn13: string }>('SELECT isbn13 FROM books');
    expect(rows.length).toBe(first.books);
    expect(first.books).toBeGreaterThanOrEqual(5_000);
    for (const { isbn13 } of rows) expect(parseIsbn(isbn13)).toBe(isbn13);
    expect(rows.some(({ isbn13 }) => isbn13.startsWith('979'))).toBe(true);
  });

  it('groups editions into works, with multi-author books, ~30 categories and several languages', async () => {
    const { rows } = await pool.query(`
      SELECT (SELECT count(*) FROM works) AS works,
             (SELECT count(*) FROM (SELECT work_id FROM books GROUP BY work_id HAVING count(*) > 1) w) AS multi_edition_works,
             (SELECT count(*) FROM (SELECT book_id FROM book_authors GROUP BY book_id HAVING count(*) > 1) b) AS multi_author_books,
             (SELECT count(DISTINCT category_id) FROM books) AS categories,
             (SELECT count(DISTINCT language) FROM books) AS languages,
             (SELECT count(DISTINCT format) FROM books) AS formats`);
    const stats = rows[0];
    expect(stats.works).toBeLessThan(first.books);
    expect(stats.multi_edition_works).toBeGreaterThan(500);
    expect(stats.multi_author_books).toBeGreaterThan(500);
    expect(stats.categories).toBeGreaterThanOrEqual(30);
    expect(stats.languages).toBeGreaterThanOrEqual(5);
    expect(stats.formats).toBe(4);
  });

  it('gives every work a blurb of its genre, shared by its editions and shown on the book', async () => {
    const { rows } = await pool.query<{ described: string; works: string; distinct_blurbs: string }>(
      'SELECT count(description) AS described, count(*) AS works, count(DISTINCT description) AS distinct_blurbs FROM works',
    );
    expect(Number(rows[0]!.described)).toBe(Number(rows[0]!.works));
    expect(Number(rows[0]!.distinct_blurbs)).toBeGreaterThan(Number(rows[0]!.works) * 0.8);
    const mystery = await pool.query<{ description: string }>(`
      SELECT w.description FROM works w JOIN books b ON b.work_id = w.id JOIN categories c ON c.id = b.category_id
      WHERE c.name = 'Mystery' LIMIT 1`);
    expect(mystery.rows[0]!.description).toMatch(/^[A-Z].{60,400}\.$/);
    const answer = await t.execute<{ book: { description: string; work: { description: string } } }>(
      '{ book(isbn: "9780142437247") { description work { description } } }',
    );
    expect(answer.data!.book.description).toMatch(/^Ishmael signs on to the whaler Pequod/);
    expect(answer.data!.book.work.description).toBe(answer.data!.book.description);
  });

  it('makes popularity Zipf-like: the top 1% of books hold a large share of demand', async () => {
    const { rows } = await pool.query<{ share: number }>(`
      SELECT sum(demand_score) FILTER (WHERE rank <= total / 100) / sum(demand_score) AS share
      FROM (SELECT demand_score, row_number() OVER (ORDER BY demand_score DESC) AS rank, count(*) OVER () AS total FROM books) ranked`);
    expect(rows[0]!.share).toBeGreaterThan(0.3);
  });

  it('stocks the warehouses realistically: scarce books, plenty, and sold out', async () => {
    const { rows } = await pool.query(`
      SELECT count(*) FILTER (WHERE on_hand - sold BETWEEN 1 AND 5) AS scarce,
             count(*) FILTER (WHERE on_hand - sold > 20) AS plenty,
             count(*) FILTER (WHERE on_hand = sold) AS sold_out
      FROM inventory`);
    expect(rows[0].scarce).toBeGreaterThan(50);
    expect(rows[0].plenty).toBeGreaterThan(50);
    expect(rows[0].sold_out).toBeGreaterThan(10);
  });

  it('is deterministic for a seed and can add more books later without collisions', async () => {
    const more = await loadCatalog(pool, { books: 1_000, seed: 11 });
    const { rows } = await pool.query<{ n: number }>('SELECT count(*) AS n FROM books');
    expect(rows[0]!.n).toBe(first.books + more.books);
    const next = await t.app.db.insertInto('works').values({ title: 'After the load' }).returning('id').executeTakeFirstOrThrow();
    const max = await sql<{ max: number }>`SELECT max(id) AS max FROM works`.execute(t.app.db);
    expect(next.id).toBe(max.rows[0]!.max);
  });
});
