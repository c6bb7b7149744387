import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/server.js';
import { ADDRESS } from '../factories/address.js';
import { createBook } from '../factories/catalog.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { setPrice } from '../helpers/simulator.js';
import type { TestApp } from '../helpers/test-app.js';

let shop: Shop;
let t: TestApp;
let sim: RunningSimulator;

beforeAll(async () => {
  shop = await openShop({ seed: 53, stores: 2, environment: { PURCHASE_LIMIT: '2', PURCHASE_WINDOW_SECONDS: '3600' } });
  ({ t, sim } = shop);
});
afterAll(() => shop.close());

describe('purchase limits', () => {
  it('allows PURCHASE_LIMIT purchases per user and window, then answers RATE_LIMITED and records nothing; other users are not affected', async () => {
    const book = await createBook(t.app.db, { title: 'Limited' });
    for (const profile of sim.simulator.profiles()) await setPrice(sim, profile.slug, book.isbn13, 900);
    const [first, second] = [await shop.shopper('limited@example.com'), await shop.shopper('other@example.com')];
    const buy = (token: string, key: string) =>
      t.execute<{ purchaseBook: { status: string } }>(
        'mutation ($input: PurchaseBookInput!) { purchaseBook(input: $input) { status } }',
        { input: { isbn: book.isbn13, maxPriceCents: 5_000, paymentToken: 'tok_visa', idempotencyKey: key, shippingAddress: ADDRESS } },
        token,
      );
    expect((await buy(first, 'a')).data!.purchaseBook.status).toBe('PURCHASED');
    expect((await buy(first, 'b')).data!.purchaseBook.status).toBe('PURCHASED');
    const third = await buy(first, 'c');
    expect(third.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(third.errors?.[0]?.message).toContain('At most 2 purchases');
    expect((await buy(first, 'a')).data!.purchaseBook.status).toBe('PURCHASED'); // a retry of a done request is not a new purchase
    expect((await buy(second, 'a')).data!.purchaseBook.status).toBe('PURCHASED');
    const requests = await t.app.db.selectFrom('purchaseRequests').select(['idempotencyKey', 'status']).orderBy('id').execute();
    expect(requests.map((request) => request.idempotencyKey)).toEqual(['a', 'b', 'a']);
  });
});
