import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmReservations, releaseReservations, reserveStock, type StockRequest } from '../../src/resolvers/inventory/inventory-repository.js';
import { createBook } from '../factories/catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const reserve = (requests: StockRequest[], holder: string, ttlSeconds = 600) =>
  t.app.db.transaction().execute((trx) => reserveStock(trx, requests, holder, ttlSeconds));

async function counters(bookId: number) {
  return t.app.db.selectFrom('inventory').select(['onHand', 'reserved', 'sold']).where('bookId', '=', bookId).executeTakeFirstOrThrow();
}

async function stockShown(isbn13: string): Promise<number> {
  const answer = await t.execute<{ book: { stock: number } }>(`{ book(isbn: "${isbn13}") { stock } }`);
  return answer.data!.book.stock;
}

describe('stock reservations', () => {
  it('of 200 holds racing for 5 units, exactly 5 succeed and stock never goes negative', async () => {
    const book = await createBook(t.app.db, { title: 'Five Left', stock: { onHand: 5 } });
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => reserve([{ bookId: book.id, quantity: 1 }], `race-${i}`)));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(5);
    expect(outcomes.filter((outcome) => !outcome.ok).every((outcome) => !outcome.ok && outcome.shortages[0]!.available === 0)).toBe(true);
    expect(await counters(book.id)).toEqual({ onHand: 5, reserved: 5, sold: 0 });
    expect(await stockShown(book.isbn13)).toBe(0);
  });

  it('is all or nothing across the books of a cart, and carts in opposite orders do not deadlock', async () => {
    const a = await createBook(t.app.db, { title: 'Book A', stock: { onHand: 50 } });
    const b = await createBook(t.app.db, { title: 'Book B', stock: { onHand: 50 } });
    const c = await createBook(t.app.db, { title: 'Book C', stock: { onHand: 1 } });
    const shortOfC = await reserve(
      [
        { bookId: a.id, quantity: 2 },
        { bookId: c.id, quantity: 2 },
      ],
      'too-many',
    );
    expect(shortOfC).toEqual({ ok: false, shortages: [{ bookId: c.id, available: 1 }] });
    expect((await counters(a.id)).reserved).toBe(0);

    const orders = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? [a, b] : [b, a]).map((book) => ({ bookId: book.id, quantity: 1 })));
    const outcomes = await Promise.all(orders.map((requests, i) => reserve(requests, `cross-${i}`)));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect((await counters(a.id)).reserved).toBe(40);
    expect((await counters(b.id)).reserved).toBe(40);
  });

  it('confirming turns held units into sold ones; releasing gives them back; neither happens twice', async () => {
    const book = await createBook(t.app.db, { title: 'Held Then Sold', stock: { onHand: 10 } });
    await reserve([{ bookId: book.id, quantity: 3 }], 'paid');
    await reserve([{ bookId: book.id, quantity: 2 }], 'failed');
    expect(await t.app.db.transaction().execute((trx) => confirmReservations(trx, 'paid', 1))).toBe(true);
    expect(await t.app.db.transaction().execute((trx) => releaseReservations(trx, 'failed'))).toBe(1);
    expect(await t.app.db.transaction().execute((trx) => releaseReservations(trx, 'failed'))).toBe(0);
    expect(await t.app.db.transaction().execute((trx) => confirmReservations(trx, 'paid', 1))).toBe(false);
    expect(await counters(book.id)).toEqual({ onHand: 10, reserved: 0, sold: 3 });
  });

  it('an expired hold frees its units at its expiry, before any sweeper runs; the sweeper then settles the counters', async () => {
    const book = await createBook(t.app.db, { title: 'Briefly Held', stock: { onHand: 2 } });
    await reserve([{ bookId: book.id, quantity: 2 }], 'brief', 1);
    expect(await stockShown(book.isbn13)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await stockShown(book.isbn13)).toBe(2);
    expect((await reserve([{ bookId: book.id, quantity: 2 }], 'next')).ok).toBe(true);
    expect(await counters(book.id)).toEqual({ onHand: 2, reserved: 2, sold: 0 });

    const other = await createBook(t.app.db, { title: 'Swept', stock: { onHand: 4 } });
    await reserve([{ bookId: other.id, quantity: 3 }], 'swept', 1);
    await sql`UPDATE reservations SET expires_at = now() - interval '1 second' WHERE holder = 'swept'`.execute(t.app.db);
    expect(await t.app.services.inventory.releaseExpired()).toBeGreaterThanOrEqual(1);
    expect(await counters(other.id)).toEqual({ onHand: 4, reserved: 0, sold: 0 });
    const statuses = await t.app.db.selectFrom('reservations').select('status').where('holder', '=', 'swept').execute();
    expect(statuses).toEqual([{ status: 'EXPIRED' }]);
  });
});
