import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS } from '../factories/address.js';
import { createBook } from '../factories/catalog.js';
import { checkout } from '../helpers/checkout.js';
import { openShop, type Shop } from '../helpers/shop.js';

let shop: Shop;
beforeAll(async () => {
  shop = await openShop({ seed: 137, stores: 2, runWorker: false });
});
afterAll(() => shop.close());

const HOME = { ...ADDRESS, line1: '7 Home Row' };
const WORK = { ...ADDRESS, line1: '99 Office Park', city: 'Shelbyville' };
const FIELDS = 'id name line1 city country isDefault';

type Saved = { id: string; line1: string; city: string; isDefault: boolean };

async function add(token: string, address: Record<string, unknown>, isDefault?: boolean) {
  return shop.t.execute<{ addAddress: Saved }>(
    `mutation ($input: AddAddressInput!) { addAddress(input: $input) { ${FIELDS} } }`,
    { input: { address, isDefault } },
    token,
  );
}

async function book(token: string): Promise<Saved[]> {
  const answer = await shop.t.execute<{ viewer: { addresses: Saved[] } }>(`{ viewer { addresses { ${FIELDS} } } }`, {}, token);
  expect(answer.errors).toBeUndefined();
  return answer.data!.viewer.addresses;
}

async function orderAddress(orderId: string, token: string) {
  const answer = await shop.t.execute<{ order: { shippingAddress: { line1: string; city: string } } }>(
    'query ($id: ID!) { order(id: $id) { shippingAddress { line1 city } } }',
    { id: orderId },
    token,
  );
  return answer.data!.order.shippingAddress;
}

describe('saved addresses', () => {
  it('adds, makes a default, updates and removes; the first is the default and removing it passes the default on', async () => {
    const token = await shop.shopper('book@example.com');
    const home = (await add(token, HOME)).data!.addAddress;
    expect(home).toMatchObject({ line1: '7 Home Row', isDefault: true });
    const work = (await add(token, WORK)).data!.addAddress;
    expect(work.isDefault).toBe(false);
    expect((await book(token)).map((a) => [a.line1, a.isDefault])).toEqual([
      ['7 Home Row', true],
      ['99 Office Park', false],
    ]);

    const moved = await shop.t.execute<{ updateAddress: Saved }>(
      `mutation ($input: UpdateAddressInput!) { updateAddress(input: $input) { ${FIELDS} } }`,
      { input: { id: work.id, isDefault: true } },
      token,
    );
    expect(moved.data!.updateAddress.isDefault).toBe(true);
    expect((await book(token)).map((a) => [a.line1, a.isDefault])).toEqual([
      ['99 Office Park', true],
      ['7 Home Row', false],
    ]);

    const renamed = await shop.t.execute<{ updateAddress: Saved }>(
      `mutation ($input: UpdateAddressInput!) { updateAddress(input: $input) { ${FIELDS} } }`,
      { input: { id: home.id, address: { ...HOME, city: 'Capital City' } } },
      token,
    );
    expect(renamed.data!.updateAddress).toMatchObject({ city: 'Capital City', isDefault: false });

    const removed = await shop.t.execute('mutation ($id: ID!) { removeAddress(id: $id) }', { id: work.id }, token);
    expect(removed.errors).toBeUndefined();
    expect((await book(token)).map((a) => [a.line1, a.isDefault])).toEqual([['7 Home Row', true]]);
  });

  it('refuses a bad address by the part that is wrong, and changes nothing', async () => {
    const token = await shop.shopper('bad-address@example.com');
    const answer = await add(token, { ...HOME, country: 'Narnia' });
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toContain('two-letter');
    expect(await book(token)).toEqual([]);
  });

  it("checkout and purchaseBook take a saved address by id; another shopper's id is refused and buys nothing", { timeout: 30_000 }, async () => {
    const token = await shop.shopper('by-id@example.com');
    const saved = (await add(token, WORK)).data!.addAddress;
    const own = await createBook(shop.t.app.db, { title: 'Sent To The Office', priceCents: 900, stock: { onHand: 2 } });
    await shop.t.execute('mutation ($isbn: String!) { addToCart(input: { isbn: $isbn, quantity: 1 }) { version } }', { isbn: own.isbn13 }, token);
    const placed = await checkout(shop, { idempotencyKey: 'by-id-1', shippingAddress: undefined, addressId: saved.id }, token);
    expect(placed.errors).toBeUndefined();
    expect(placed.data!.checkout.status).toBe('PLACED');
    expect(await orderAddress(placed.data!.checkout.order!.id, token)).toEqual({ line1: '99 Office Park', city: 'Shelbyville' });

    const far = await createBook(shop.t.app.db, { title: 'Bought For The Office' });
    await shop.priceEverywhere(far.isbn13, 1_000);
    const purchase = (addressId: string, key: string, as: string) =>
      shop.t.execute<{ purchaseBook: { status: string; order: { id: string } | null } }>(
        'mutation ($input: PurchaseBookInput!) { purchaseBook(input: $input) { status order { id } } }',
        { input: { isbn: far.isbn13, maxPriceCents: 5_000, paymentToken: 'tok_visa', idempotencyKey: key, addressId } },
        as,
      );
    const bought = await purchase(saved.id, 'by-id-2', token);
    expect(bought.data!.purchaseBook.status).toBe('PURCHASED');
    expect(await orderAddress(bought.data!.purchaseBook.order!.id, token)).toEqual({ line1: '99 Office Park', city: 'Shelbyville' });

    const stranger = await shop.shopper('stranger@example.com');
    const orders = async () =>
      (
        await shop.t.app.db
          .selectFrom('orders')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await orders();
    const refused = await purchase(saved.id, 'by-id-3', stranger);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toBe('You have no saved address with this id');
    await shop.t.execute('mutation ($isbn: String!) { addToCart(input: { isbn: $isbn, quantity: 1 }) { version } }', { isbn: own.isbn13 }, stranger);
    const refusedCheckout = await checkout(shop, { idempotencyKey: 'by-id-4', shippingAddress: undefined, addressId: saved.id }, stranger);
    expect(refusedCheckout.errors?.[0]?.message).toBe('You have no saved address with this id');
    const updated = await shop.t.execute('mutation ($id: ID!) { removeAddress(id: $id) }', { id: saved.id }, stranger);
    expect(updated.errors?.[0]?.message).toBe('You have no saved address with this id');
    expect(await orders()).toBe(before);
    expect(await book(token)).toHaveLength(1);
  });
});
