import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createBook } from '../factories/catalog.js';
import { checkout, guestCart } from '../helpers/checkout.js';
import { openShop, type Shop } from '../helpers/shop.js';

// A long refresh interval: a search can only see another process's change by its refresh (or the bound's
// guard), never by a round trip of its own, so what each test sees is down to the rule it checks.
const REFRESH_MS = 60_000;

let shop: Shop;
/** Another API process on the same database: its writes are not this process's own. */
let other: App;

beforeAll(async () => {
  shop = await openShop({ seed: 107, stores: 1, runWorker: false, environment: { SEARCH_REFRESH_MS: String(REFRESH_MS) } });
  other = await shop.t.anotherInstance();
});
afterAll(async () => {
  await other.close();
  await shop.close();
});

const db = () => shop.t.app.db;
const STOCK = 'query($isbn: String!) { book(isbn: $isbn) { stock } }';
const stockOf = async (isbn: string) => ((await shop.t.execute(STOCK, { isbn })).data!.book as { stock: number }).stock;
const SEARCH = 'query($query: String!, $filter: BookFilter) { searchBooks(query: $query, filter: $filter) { totalCount } }';
const found = async (query: string, filter: Record<string, unknown> = {}) =>
  ((await shop.t.execute(SEARCH, { query, filter })).data!.searchBooks as { totalCount: number }).totalCount;

async function eventually(read: () => Promise<number>, expected: number): Promise<number> {
  let value = await read();
  for (let attempt = 0; attempt < 100 && value !== expected; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** Another process holds two of the book's units for a second. */
async function holdTwoForASecond(bookId: number): Promise<void> {
  const { warehouseId } = await db().selectFrom('inventory').select('warehouseId').where('bookId', '=', bookId).executeTakeFirstOrThrow();
  await sql`WITH hold AS (
              INSERT INTO reservations (book_id, warehouse_id, quantity, holder, status, expires_at)
              VALUES (${bookId}, ${warehouseId}, 2, 'test-hold', 'HELD', now() + interval '1 second'))
            UPDATE inventory SET reserved = reserved + 2 WHERE book_id = ${bookId}`.execute(other.db);
}

/** A guest buys two copies through this process. */
async function checkOutTwo(isbn: string): Promise<void> {
  const cartToken = await guestCart(shop, [{ isbn, quantity: 2 }]);
  const placed = await checkout(shop, { cartToken, idempotencyKey: `checkout-two-${isbn}` });
  expect(placed.data!.checkout.status).toBe('PLACED');
}

describe('stock kept in memory follows every change', () => {
  it('reads a book page’s stock from memory once known, and from PostgreSQL again after any change', async () => {
    const book = await createBook(db(), { title: 'Kept Count', stock: { onHand: 6 } });
    expect(await stockOf(book.isbn13)).toBe(6);
    shop.t.statements.length = 0;
    expect(await stockOf(book.isbn13)).toBe(6);
    expect(shop.t.statements.filter((statement) => statement.includes('inventory'))).toEqual([]);

    // Written by another process: the notice its commit sends drops the kept figure.
    await sql`UPDATE inventory SET on_hand = on_hand + 4 WHERE book_id = ${book.id}`.execute(other.db);
    expect(await eventually(() => stockOf(book.isbn13), 10)).toBe(10);
  });

  it('is exact right after a checkout made through this process', { timeout: 30_000 }, async () => {
    const book = await createBook(db(), { title: 'Last Copies', priceCents: 1_200, stock: { onHand: 3 } });
    expect(await stockOf(book.isbn13)).toBe(3);
    await checkOutTwo(book.isbn13);
    expect(await stockOf(book.isbn13)).toBe(1);
  });

  it('counts a hold’s units again the moment it expires, with nobody writing', async () => {
    const book = await createBook(db(), { title: 'Briefly Held', stock: { onHand: 5 } });
    await holdTwoForASecond(book.id);
    expect(await eventually(() => stockOf(book.isbn13), 3)).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await stockOf(book.isbn13)).toBe(5);
  });
});

describe('every book’s stock kept whole (a page of a book nobody asked for reads nothing)', () => {
  /**
   * Books created since the whole read are not in it: let the index catch up (a search after expiring it waits
   * for every notice so far, the new books' among them), then read every book's stock again.
   */
  async function keptWhole(): Promise<void> {
    shop.t.app.services.search.invalidate();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await found('anything');
    await shop.t.app.services.catalog.keepEveryStock();
  }
  const inventoryRead = () => shop.t.statements.filter((statement) => statement.includes('inventory'));

  it('answers from the whole read, then follows another process’s change', async () => {
    const book = await createBook(db(), { title: 'Wholly Kept', stock: { onHand: 7 } });
    await keptWhole();
    shop.t.statements.length = 0;
    expect(await stockOf(book.isbn13)).toBe(7);
    expect(inventoryRead()).toEqual([]);

    await sql`UPDATE inventory SET on_hand = on_hand - 5 WHERE book_id = ${book.id}`.execute(other.db);
    expect(await eventually(() => stockOf(book.isbn13), 2)).toBe(2);
  });

  it('is exact right after a checkout made through this process', { timeout: 30_000 }, async () => {
    const book = await createBook(db(), { title: 'Wholly Sold', priceCents: 1_300, stock: { onHand: 3 } });
    await keptWhole();
    shop.t.statements.length = 0;
    expect(await stockOf(book.isbn13)).toBe(3);
    expect(inventoryRead()).toEqual([]);
    await checkOutTwo(book.isbn13);
    expect(await stockOf(book.isbn13)).toBe(1);
  });

  it('counts a hold read with the rest again the moment it expires', async () => {
    const book = await createBook(db(), { title: 'Wholly Held', stock: { onHand: 5 } });
    await holdTwoForASecond(book.id);
    await keptWhole();
    shop.t.statements.length = 0;
    expect(await stockOf(book.isbn13)).toBe(3);
    expect(inventoryRead()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await stockOf(book.isbn13)).toBe(5);
  });

  it('reads every book’s stock again after losing its connection, so changes made meanwhile are not missed', async () => {
    const seen = await createBook(db(), { title: 'Wholly Reconnected', stock: { onHand: 4 } });
    const unseen = await createBook(db(), { title: 'Wholly Unseen', stock: { onHand: 2 } });
    await keptWhole();
    expect(await stockOf(seen.isbn13)).toBe(4);
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE application_name = 'folio-change-listener' AND datname = current_database()`.execute(db());
    await sql`UPDATE inventory SET on_hand = 9 WHERE book_id = ${seen.id}`.execute(other.db);
    await sql`UPDATE inventory SET on_hand = 6 WHERE book_id = ${unseen.id}`.execute(other.db);
    // Read from PostgreSQL while notices cannot arrive, and from a whole read made since once they do again.
    expect(await eventually(() => stockOf(seen.isbn13), 9)).toBe(9);
    const catalog = shop.t.app.services.catalog;
    for (let attempt = 0; attempt < 100 && !catalog.everyStockKept; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(catalog.everyStockKept).toBe(true);
    // The index, in doubt too, is read again at its next refresh (a search after expiring it asks for one now).
    shop.t.app.services.search.invalidate();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await found('wholly');
    shop.t.statements.length = 0;
    expect(await stockOf(unseen.isbn13)).toBe(6);
    expect(inventoryRead()).toEqual([]);
  });
});

describe('the search index refreshes on an interval, and sees its own process’s writes at once', () => {
  it('waits for no round trip: another process’s change appears at the refresh, not at the next search', async () => {
    const book = await createBook(db(), { title: 'Unhurried Refresh', priceCents: 2_500 });
    expect(await found('unhurried')).toBe(1);
    await sql`UPDATE books SET price_cents = 900 WHERE id = ${book.id}`.execute(other.db);
    expect(await found('unhurried', { maxPriceCents: 999 })).toBe(0);
    // What the next refresh does (or the bound's guard, two intervals on): catch up with every commit before it.
    shop.t.app.services.search.invalidate();
    expect(await found('unhurried', { maxPriceCents: 999 })).toBe(1);
  });

  it('shows a change this process made at its very next search', async () => {
    const book = await createBook(db(), { title: 'Eager Reader', priceCents: 2_500 });
    expect(await found('eager', { maxPriceCents: 999 })).toBe(0);
    await sql`UPDATE books SET price_cents = 800 WHERE id = ${book.id}`.execute(db());
    expect(await found('eager', { maxPriceCents: 999 })).toBe(1);
  });
});

describe('a book page served from the index', () => {
  const TITLE = 'query($isbn: String!) { book(isbn: $isbn) { title } }';
  const titleOf = async (isbn: string) => ((await shop.t.execute(TITLE, { isbn })).data!.book as { title: string }).title;

  it('is not served from an index in doubt: a change made while the connection was lost shows at once', async () => {
    const book = await createBook(db(), { title: 'Before The Outage' });
    shop.t.app.services.search.invalidate();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await found('outage');
    expect(await titleOf(book.isbn13)).toBe('Before The Outage');
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE application_name = 'folio-change-listener' AND datname = current_database()`.execute(db());
    await sql`UPDATE books SET title = 'After The Outage' WHERE id = ${book.id}`.execute(other.db);
    // The refresh interval here is a minute: only the doubt the lost connection casts lets the page skip the index.
    let title = await titleOf(book.isbn13);
    for (let attempt = 0; attempt < 100 && title !== 'After The Outage'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      title = await titleOf(book.isbn13);
    }
    expect(title).toBe('After The Outage');
  });
});

describe('the bound', () => {
  it('a search sees every change committed more than two refresh intervals before it', async () => {
    const quick = await shop.t.anotherInstance({ SEARCH_REFRESH_MS: '200' });
    try {
      const book = await createBook(db(), { title: 'Bounded Lag', priceCents: 2_500 });
      const search = async (filter: Record<string, unknown>) => {
        const response = await quick.yoga.fetch('http://folio.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: SEARCH, variables: { query: 'bounded', filter } }),
        });
        return ((await response.json()) as { data: { searchBooks: { totalCount: number } } }).data.searchBooks.totalCount;
      };
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await search({})).toBe(1);
      await sql`UPDATE books SET price_cents = 700 WHERE id = ${book.id}`.execute(other.db);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await search({ maxPriceCents: 999 })).toBe(1);
    } finally {
      await quick.close();
    }
  });
});
