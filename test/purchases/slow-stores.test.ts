import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/server.js';
import { shippingCents } from '../../src/simulator/stores.js';
import { ADDRESS } from '../factories/address.js';
import { createBook } from '../factories/catalog.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { eventually } from '../helpers/receivers.js';
import { admin, setPrice } from '../helpers/simulator.js';
import type { TestApp } from '../helpers/test-app.js';

let shop: Shop;
let t: TestApp;
let sim: RunningSimulator;
let token: string;

beforeAll(async () => {
  shop = await openShop({ seed: 47, stores: 20 });
  ({ t, sim } = shop);
  token = await shop.shopper('patient@example.com');
});
afterAll(() => shop.close());

describe('purchaseBook with stores down and slow', () => {
  it('answers within maxWaitMs + 500 ms with the best price among the stores that answered', async () => {
    const profiles = sim.simulator.profiles();
    const book = await createBook(t.app.db, { title: 'Bought Despite Stragglers' });
    // The two slow stores would be cheapest, the two down ones next: neither may hold the purchase up.
    const prices = profiles.map((_, index) => (index < 2 ? 500 : index < 4 ? 600 : 1000 + index * 50));
    for (const [index, profile] of profiles.entries()) await setPrice(sim, profile.slug, book.isbn13, prices[index]!);
    for (const profile of profiles.slice(0, 2)) await admin(sim, 'PUT', `/stores/${profile.slug}`, { latencyMs: 8_000, latencySigma: 0 });
    for (const profile of profiles.slice(2, 4)) await admin(sim, 'PUT', `/stores/${profile.slug}`, { down: true });

    const maxWaitMs = 1_500;
    const started = Date.now();
    const { data, errors } = await t.execute<{ purchaseBook: any }>(
      `mutation ($input: PurchaseBookInput!) { purchaseBook(input: $input) {
         status storesAsked storesAnswered pricePaid { cents } order { shipments { store { slug } } } } }`,
      { input: { isbn: book.isbn13, maxPriceCents: 10_000, paymentToken: 'tok_visa', idempotencyKey: 'stragglers', maxWaitMs, shippingAddress: ADDRESS } },
      token,
    );
    const elapsed = Date.now() - started;
    expect(errors).toBeUndefined();
    expect(elapsed).toBeLessThan(maxWaitMs + 500);
    const answered = profiles.slice(4);
    const best = answered.reduce(
      (low, profile) => {
        const price = prices[profiles.indexOf(profile)]!;
        const total = price + shippingCents(profile, price);
        return total < low.total ? { slug: profile.slug, total } : low;
      },
      { slug: '', total: Infinity },
    );
    expect(data!.purchaseBook).toMatchObject({
      status: 'PURCHASED',
      storesAsked: 20,
      storesAnswered: 16,
      pricePaid: { cents: best.total },
      order: { shipments: [{ store: { slug: best.slug } }] },
    });
  });

  it("records an answer that comes after the shopper stopped waiting, within the store's own timeout", async () => {
    const late = sim.simulator.profiles()[4]!;
    const book = await createBook(t.app.db, { title: 'Answered Too Late' });
    await setPrice(sim, late.slug, book.isbn13, 777);
    await admin(sim, 'PUT', `/stores/${late.slug}`, { latencyMs: 1_400, latencySigma: 0 });
    const asked = new Date();
    const { data, errors } = await t.execute<{ purchaseBook: any }>(
      `mutation ($input: PurchaseBookInput!) { purchaseBook(input: $input) { status storesAnswered } }`,
      { input: { isbn: book.isbn13, maxPriceCents: 100, paymentToken: 'tok_visa', idempotencyKey: 'too-late', maxWaitMs: 700, shippingAddress: ADDRESS } },
      token,
    );
    expect(errors).toBeUndefined();
    expect(data!.purchaseBook.status).toBe('PRICE_ABOVE_MAX');
    const store = await t.app.db.selectFrom('stores').select('id').where('slug', '=', late.slug).executeTakeFirstOrThrow();
    const offer = async () =>
      t.app.db.selectFrom('offers').select(['priceCents', 'fetchedAt']).where('bookId', '=', book.id).where('storeId', '=', store.id).executeTakeFirst();
    await eventually(async () => (await offer())?.priceCents === 777);
    expect((await offer())!.fetchedAt.getTime()).toBeGreaterThan(asked.getTime());
  });
});
