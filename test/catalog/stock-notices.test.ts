import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeneratedCatalog, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await loadGeneratedCatalog(t, { books: 4_000, seed: 41 });
  await t.app.services.catalog.keepEveryStock();
});
afterAll(() => t.close());

/** The payloads of the stock notices one statement, run by another connection, sends. */
async function noticesOf(statement: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  const payloads: string[] = [];
  let markerArrived: () => void = () => undefined;
  const marker = new Promise<void>((resolve) => (markerArrived = resolve));
  client.on('notification', (message) => {
    if (message.channel === 'stock_changed') payloads.push(message.payload ?? '');
    else markerArrived();
  });
  try {
    await client.query('LISTEN stock_changed');
    await client.query('LISTEN folio_test_marker');
    await client.query(statement);
    // A notice sent after the statement has committed arrives after all of its notices (they come in commit order).
    await client.query("SELECT pg_notify('folio_test_marker', 'done')");
    await marker;
    return payloads;
  } finally {
    await client.end();
  }
}

describe('stock notices', () => {
  it('name a statement’s books in notices of 500 at most, so no process drops every book’s stock for one restock', async () => {
    const { rows } = await sql<{ books: number }>`SELECT count(DISTINCT book_id)::int AS books FROM inventory`.execute(t.app.db);
    // More than one notice's worth (a statement this wide used to say 'all').
    expect(rows[0]!.books).toBeGreaterThan(500);
    const payloads = await noticesOf('UPDATE inventory SET on_hand = on_hand + 1');
    expect(payloads).not.toContain('all');
    const named = payloads.flatMap((payload) => payload.split(',').map(Number));
    for (const payload of payloads) expect(payload.split(',').length).toBeLessThanOrEqual(500);
    expect(new Set(named).size).toBe(rows[0]!.books);
    expect(named).toHaveLength(rows[0]!.books);

    // Once this process has had the same notices (a search after expiring the index waits for a barrier), every book's
    // stock is still kept, and the restocked books' figures are read again.
    t.app.services.search.invalidate();
    await t.execute('{ searchBooks(first: 1) { totalCount } }');
    expect(t.app.services.catalog.everyStockKept).toBe(true);
    const { rows: sample } = await sql<{ isbn13: string; units: number }>`
      SELECT b.isbn13, sum(i.on_hand - i.reserved - i.sold)::int AS units FROM books b JOIN inventory i ON i.book_id = b.id
      GROUP BY b.id ORDER BY b.id LIMIT 5`.execute(t.app.db);
    for (const { isbn13, units } of sample) {
      const result = await t.execute<{ book: { stock: number } }>('query($isbn: String!) { book(isbn: $isbn) { stock } }', { isbn: isbn13 });
      expect(result.data!.book.stock).toBe(Math.max(0, units));
    }
  });

  it('still say "all" for a TRUNCATE', async () => {
    expect(await noticesOf('TRUNCATE reservations')).toEqual(['all']);
  });
});
