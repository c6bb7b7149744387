import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashCartToken, newCartToken } from '../../src/resolvers/carts/cart-repository.js';
import { createBook } from '../factories/catalog.js';
import { checkout } from '../helpers/checkout.js';
import { openShop, type Shop } from '../helpers/shop.js';

const ROUNDS = 20;
const SHOPPERS = 1_000;
const UNITS = 5;

let shop: Shop;

beforeAll(async () => {
  shop = await openShop({ seed: 107, stores: 1, runWorker: false, environment: { DB_POOL_SIZE: '20' } });
});
afterAll(() => shop.close());

/** SHOPPERS guest carts, each holding one copy of the book (written directly: the carts are the fixture, checkout is the test). */
async function cartsWanting(bookId: number): Promise<string[]> {
  const own = await shop.t.app.services.stores.firstParty();
  const tokens = Array.from({ length: SHOPPERS }, newCartToken);
  await sql`
    WITH created AS (
      INSERT INTO carts (guest_token_hash, expires_at) SELECT h, now() + interval '1 day' FROM unnest(${tokens.map(hashCartToken)}::text[]) AS h RETURNING id
    )
    INSERT INTO cart_items (cart_id, book_id, store_id, quantity, unit_price_cents) SELECT id, ${bookId}, ${own.id}, 1, 1500 FROM created`.execute(
    shop.t.app.db,
  );
  return tokens;
}

describe('checkout under contention', () => {
  it(`${SHOPPERS} concurrent checkouts for a book with ${UNITS} units place exactly ${UNITS} orders, ${ROUNDS} times over`, { timeout: 600_000 }, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const book = await createBook(shop.t.app.db, { title: `Last Copies ${round}`, priceCents: 1_500, stock: { onHand: UNITS } });
      const tokens = await cartsWanting(book.id);
      const answers = await Promise.all(tokens.map((cartToken, i) => checkout(shop, { cartToken, idempotencyKey: `round-${round}-${i}` })));
      const statuses = answers.map((answer) => answer.data?.checkout.status ?? `error: ${answer.errors?.[0]?.message}`);
      const tally = JSON.stringify(Object.fromEntries([...new Set(statuses)].map((status) => [status, statuses.filter((s) => s === status).length])));
      expect(
        statuses.filter((status) => status === 'PLACED'),
        `round ${round}: ${tally}`,
      ).toHaveLength(UNITS);
      expect(
        statuses.filter((status) => status !== 'PLACED' && status !== 'OUT_OF_STOCK'),
        `round ${round}`,
      ).toEqual([]);
      const stock = await shop.t.app.db.selectFrom('inventory').select(['onHand', 'reserved', 'sold']).where('bookId', '=', book.id).executeTakeFirstOrThrow();
      expect(stock, `round ${round}`).toEqual({ onHand: UNITS, reserved: 0, sold: UNITS });
      const held = await shop.t.app.db.selectFrom('reservations').select('id').where('bookId', '=', book.id).where('status', '=', 'HELD').execute();
      expect(held, `round ${round}`).toEqual([]);
      const orders = await sql<{ n: number }>`SELECT count(DISTINCT order_id)::int AS n FROM order_lines WHERE book_id = ${book.id}`.execute(shop.t.app.db);
      expect(orders.rows[0]!.n, `round ${round}`).toBe(UNITS);
    }
  });
});
