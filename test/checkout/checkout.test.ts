import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { ADDRESS } from '../factories/address.js';
import { checkout, guestCart } from '../helpers/checkout.js';
import { storeIds } from '../helpers/reports.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { setPrice } from '../helpers/simulator.js';

let shop: Shop;
let slugs: string[];
let stores: Map<string, string>;
/** Set by a test: runs when a checkout reaches this step. */
let atStep: { step: string; run: () => Promise<void> } | null = null;

beforeAll(async () => {
  shop = await openShop({
    seed: 103,
    stores: 2,
    runWorker: false,
    onCheckoutStep: async (step) => {
      if (atStep?.step === step) await atStep.run();
    },
  });
  slugs = shop.sim.simulator.profiles().map((profile) => profile.slug);
  stores = await storeIds(shop);
});
afterAll(() => shop.close());

const db = () => shop.t.app.db;
const inventory = (bookId: number) =>
  db().selectFrom('inventory').select(['onHand', 'reserved', 'sold']).where('bookId', '=', bookId).executeTakeFirstOrThrow();
const ledger = () => db().selectFrom('testPaymentLedger').select(['status', 'amountCents']).orderBy('createdAt').execute();

describe('checkout', () => {
  it("places one order across Folio's warehouse and a partner store, captures the total and sells the stock", { timeout: 30_000 }, async () => {
    const own = await createBook(db(), { title: 'From Our Shelves', priceCents: 1_500, stock: { onHand: 3 } });
    const partner = await createBook(db(), { title: 'From A Partner' });
    await shop.priceEverywhere(partner.isbn13, 2_000);
    const cartToken = await guestCart(shop, [
      { isbn: own.isbn13, quantity: 2 },
      { isbn: partner.isbn13, quantity: 1, storeId: stores.get(slugs[0]!) },
    ]);
    const before = (await ledger()).length;

    const placed = await checkout(shop, { cartToken, idempotencyKey: 'mixed-1' });
    expect(placed.errors).toBeUndefined();
    const result = placed.data!.checkout;
    expect(result.status).toBe('PLACED');
    const shipping = (await db().selectFrom('shipments').select('shippingCents').where('storeId', 'is not', null).execute()).reduce(
      (sum, s) => sum + s.shippingCents,
      0,
    );
    expect(result.total!.cents).toBe(2 * 1_500 + 2_000 + shipping);
    expect(result.order).toMatchObject({ status: 'PLACED', total: { cents: result.total!.cents } });
    expect(result.order!.shipments).toHaveLength(2);
    expect(await inventory(own.id)).toEqual({ onHand: 3, reserved: 0, sold: 2 });
    expect((await ledger()).slice(before)).toEqual([{ status: 'CAPTURED', amountCents: result.total!.cents }]);
    const cart = await shop.t.execute<{ cart: unknown }>('query ($cartToken: String) { cart(cartToken: $cartToken) { id } }', { cartToken });
    expect(cart.data!.cart).toBeNull(); // checked out
  });

  it('the same checkout sent twice with one key places one order and captures once', { timeout: 30_000 }, async () => {
    const book = await createBook(db(), { title: 'Clicked Twice', priceCents: 1_000, stock: { onHand: 5 } });
    const cartToken = await guestCart(shop, [{ isbn: book.isbn13, quantity: 1 }]);
    const before = (await ledger()).length;
    const answers = await Promise.all([checkout(shop, { cartToken, idempotencyKey: 'twice' }), checkout(shop, { cartToken, idempotencyKey: 'twice' })]);
    expect(answers.map((answer) => answer.data!.checkout.status)).toEqual(['PLACED', 'PLACED']);
    expect(answers[0]!.data!.checkout.order!.id).toBe(answers[1]!.data!.checkout.order!.id);
    expect((await ledger()).slice(before)).toEqual([{ status: 'CAPTURED', amountCents: 1_000 }]);
    expect(await inventory(book.id)).toEqual({ onHand: 5, reserved: 0, sold: 1 });
    const reused = await checkout(shop, { cartToken, idempotencyKey: 'twice', paymentToken: 'tok_chargeDeclined' });
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a declined payment releases the held stock and places no order', async () => {
    const book = await createBook(db(), { title: 'Declined', priceCents: 1_000, stock: { onHand: 1 } });
    const cartToken = await guestCart(shop, [{ isbn: book.isbn13, quantity: 1 }]);
    const orders = await db().selectFrom('orders').select('id').execute();
    const declined = await checkout(shop, { cartToken, idempotencyKey: 'declined', paymentToken: 'tok_chargeDeclined' });
    expect(declined.data!.checkout).toMatchObject({ status: 'PAYMENT_DECLINED', order: null });
    expect(await inventory(book.id)).toEqual({ onHand: 1, reserved: 0, sold: 0 });
    expect(await db().selectFrom('orders').select('id').execute()).toHaveLength(orders.length);
    expect((await checkout(shop, { cartToken, idempotencyKey: 'declined-then-paid' })).data!.checkout.status).toBe('PLACED');
  });

  it(
    'a partner refusing the order (409, its price moved) ends PRICE_CHANGED: nothing charged, stock released, the cart shows the new price',
    { timeout: 30_000 },
    async () => {
      const own = await createBook(db(), { title: 'Held Meanwhile', priceCents: 900, stock: { onHand: 2 } });
      const partner = await createBook(db(), { title: 'Price Moves At Order Time' });
      await shop.priceEverywhere(partner.isbn13, 2_000);
      const cartToken = await guestCart(shop, [
        { isbn: own.isbn13, quantity: 1 },
        { isbn: partner.isbn13, quantity: 1, storeId: stores.get(slugs[1]!) },
      ]);
      atStep = { step: 'ORDERING', run: () => setPrice(shop.sim, slugs[1]!, partner.isbn13, 2_400) };
      const before = await ledger();
      const answer = await checkout(shop, { cartToken, idempotencyKey: 'moved' });
      atStep = null;
      expect(answer.data!.checkout).toMatchObject({ status: 'PRICE_CHANGED', order: null });
      expect(answer.data!.checkout.problems).toEqual([
        expect.objectContaining({ kind: 'PRICE_CHANGED', newPrice: { cents: 2_400 }, book: { isbn13: partner.isbn13 } }),
      ]);
      expect((await ledger()).slice(before.length).map((entry) => entry.status)).toEqual(['VOIDED']);
      expect(await inventory(own.id)).toEqual({ onHand: 2, reserved: 0, sold: 0 });
      const cart = await shop.t.execute<{ cart: { items: { unitPrice: { cents: number }; priceChanged: boolean }[] } }>(
        'query ($cartToken: String) { cart(cartToken: $cartToken) { items { unitPrice { cents } priceChanged } } }',
        { cartToken },
      );
      expect(cart.data!.cart.items.map((item) => item.unitPrice.cents).sort()).toEqual([2_400, 900].sort());
    },
  );

  it('stops on a line that is short, naming how many are left', async () => {
    const book = await createBook(db(), { title: 'Only Two', priceCents: 1_000, stock: { onHand: 2 } });
    const cartToken = await guestCart(shop, [{ isbn: book.isbn13, quantity: 2 }]);
    await db().updateTable('inventory').set({ sold: 1 }).where('bookId', '=', book.id).execute();
    const answer = await checkout(shop, { cartToken, idempotencyKey: 'short' });
    expect(answer.data!.checkout).toMatchObject({
      status: 'OUT_OF_STOCK',
      problems: [expect.objectContaining({ kind: 'OUT_OF_STOCK', availableQuantity: 1 })],
    });
  });

  it('refuses bad input clearly: card numbers, malformed addresses, blank keys; an empty cart is EMPTY_CART', async () => {
    const book = await createBook(db(), { title: 'Careful Checkout', priceCents: 1_000, stock: { onHand: 2 } });
    const cartToken = await guestCart(shop, [{ isbn: book.isbn13, quantity: 1 }]);
    const error = async (input: Record<string, unknown>) => (await checkout(shop, { cartToken, idempotencyKey: 'bad', ...input })).errors?.[0]?.extensions;
    expect(await error({ paymentToken: '4242 4242 4242 4242' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paymentToken' });
    expect(await error({ shippingAddress: { ...ADDRESS, country: 'USA' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'shippingAddress.country' });
    expect(await error({ shippingAddress: { ...ADDRESS, city: '  ' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'shippingAddress.city' });
    expect(await error({ idempotencyKey: ' ' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(await inventory(book.id)).toEqual({ onHand: 2, reserved: 0, sold: 0 });
    const empty = (await shop.t.execute<{ createCart: { token: string } }>('mutation { createCart { token } }')).data!.createCart.token;
    expect((await checkout(shop, { cartToken: empty, idempotencyKey: 'empty' })).data!.checkout.status).toBe('EMPTY_CART');
  });
});
