import { createClient } from 'graphql-ws';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PurchaseStep } from '../../src/resolvers/purchases/purchase-service.js';
import type { RunningSimulator } from '../../src/simulator/server.js';
import { shippingCents, type StoreProfile } from '../../src/simulator/stores.js';
import { ADDRESS } from '../factories/address.js';
import { createBook } from '../factories/catalog.js';
import { eventually, untilSubscribed } from '../helpers/receivers.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { admin, calmStores, setPrice, storeStats } from '../helpers/simulator.js';
import type { TestApp } from '../helpers/test-app.js';

let shop: Shop;
let t: TestApp;
let sim: RunningSimulator;
let token: string;
let profiles: StoreProfile[];
/** Runs at a purchase step; tests set it to change the world mid-purchase. */
let atStep: ((step: PurchaseStep) => Promise<void>) | null = null;
let sequence = 0;

const PURCHASE = `mutation Buy($input: PurchaseBookInput!) {
  purchaseBook(input: $input) {
    status reason storesAsked storesAnswered
    pricePaid { cents } lowestPrice { cents } lowestOffer { store { slug } total { cents } }
    offers { store { slug } total { cents } inStock }
    order { id status total { cents } lines { book { isbn13 } unitPrice { cents } } shipments { store { slug } partnerOrderId } }
  }
}`;

beforeAll(async () => {
  shop = await openShop({ seed: 41, stores: 5, onPurchaseStep: async (step) => atStep?.(step) });
  ({ t, sim } = shop);
  profiles = sim.simulator.profiles();
  token = await shop.shopper('buyer@example.com');
});
afterAll(() => shop.close());
beforeEach(async () => {
  atStep = null;
  await calmStores(sim, { rateLimitPerSecond: 200 });
});

const landed = (store: number, priceCents: number) => priceCents + shippingCents(profiles[store]!, priceCents);

/** A new book every store carries at the given prices (null: out of stock at 999). */
async function bookPricedAt(prices: (number | null)[]) {
  const book = await createBook(t.app.db, { title: `Purchase Test ${++sequence}` });
  for (const [index, price] of prices.entries()) await setPrice(sim, profiles[index]!.slug, book.isbn13, price ?? 999, price !== null);
  return book;
}

function buy(isbn: string, maxPriceCents: number, extra: Record<string, unknown> = {}) {
  return t.execute<{ purchaseBook: any }>(
    PURCHASE,
    {
      input: { isbn, maxPriceCents, paymentToken: 'tok_visa', idempotencyKey: `key-${++sequence}`, maxWaitMs: 2_000, shippingAddress: ADDRESS, ...extra },
    },
    token,
  );
}

async function ledger() {
  return t.app.db.selectFrom('testPaymentLedger').select(['reference', 'amountCents', 'status']).execute();
}

async function openPartnerOrders(reference: string) {
  const open: unknown[] = [];
  for (const profile of profiles) {
    const response = await fetch(`${sim.url}/stores/${profile.slug}/orders?reference=${reference}`);
    if (response.ok) {
      const order = (await response.json()) as { status: string };
      if (order.status !== 'CANCELLED') open.push(order);
    }
  }
  return open;
}

describe('purchaseBook', () => {
  it('buys from the cheapest in-stock store at or below the maximum, at exactly its price', async () => {
    const book = await bookPricedAt([2000, 1500, null, 2500, 3000]);
    const cheapest = landed(1, 1500);
    const { data, errors } = await buy(book.isbn13, cheapest + 1);
    expect(errors).toBeUndefined();
    const result = data!.purchaseBook;
    expect(result.status).toBe('PURCHASED');
    expect(result.pricePaid.cents).toBe(cheapest);
    expect(result.order.total.cents).toBe(cheapest);
    expect(result.order.lines).toEqual([{ book: { isbn13: book.isbn13 }, unitPrice: { cents: 1500 } }]);
    expect(result.order.shipments[0].store.slug).toBe(profiles[1]!.slug);
    const partnerOrder = await (await fetch(`${sim.url}/stores/${profiles[1]!.slug}/orders/${result.order.shipments[0].partnerOrderId}`)).json();
    expect(partnerOrder).toMatchObject({ unitPriceCents: 1500, status: 'PLACED' });
    const payments = await t.app.db.selectFrom('payments').selectAll().where('amountCents', '=', cheapest).execute();
    expect(payments.map((payment) => payment.status)).toEqual(['CAPTURED']);
  });

  const requestsAt = async (store: number) => (await storeStats(sim, profiles[store]!.slug)).requests;

  it("a book price far below the other stores' is asked for twice before buying, and bought when it holds", async () => {
    const book = await bookPricedAt([900, 2000, 2100, 2200, 2300]);
    const before = await requestsAt(0);
    const { data } = await buy(book.isbn13, 5_000);
    expect(data!.purchaseBook.status).toBe('PURCHASED');
    expect(data!.purchaseBook.pricePaid.cents).toBe(landed(0, 900));
    expect((await requestsAt(0)) - before).toBe(4); // the comparison, two confirmations, the order
  });

  it('a store cheapest only by its shipping is not doubted: bought on its fresh price with one order', async () => {
    const book = await bookPricedAt([300, 300, 300, 300, 300]);
    const cheapest = [0, 1, 2, 3, 4].sort((a, b) => landed(a, 300) - landed(b, 300) || a - b)[0]!;
    const before = await requestsAt(cheapest);
    const { data } = await buy(book.isbn13, 5_000);
    expect(data!.purchaseBook.status).toBe('PURCHASED');
    expect(data!.purchaseBook.pricePaid.cents).toBe(landed(cheapest, 300));
    expect((await requestsAt(cheapest)) - before).toBe(2); // the comparison, the order
  });

  it('returns the true lowest price when every offer is above the maximum', async () => {
    const book = await bookPricedAt([2000, 1800, null, 2500, 3000]);
    const { data } = await buy(book.isbn13, 500);
    expect(data!.purchaseBook).toMatchObject({
      status: 'PRICE_ABOVE_MAX',
      order: null,
      pricePaid: null,
      lowestPrice: { cents: landed(1, 1800) },
      lowestOffer: { store: { slug: profiles[1]!.slug } },
    });
    expect(data!.purchaseBook.offers).toHaveLength(5);
    expect(data!.purchaseBook.storesAsked).toBe(5);
  });

  it('never charges a cached price that has since risen: the store refuses the old price and the next cheapest is bought', async () => {
    const prices = [2000, 1800, null, 2100, 2200];
    const book = await bookPricedAt(prices);
    await t.execute(`{ book(isbn: "${book.isbn13}") { offers(maxAgeSeconds: 0) { total { cents } } } }`);
    await setPrice(sim, profiles[1]!.slug, book.isbn13, 4000); // rises after Folio cached 1800
    const next = [0, 3, 4].map((index) => ({ index, total: landed(index, prices[index]!) })).sort((a, b) => a.total - b.total)[0]!;
    const { data } = await buy(book.isbn13, 3_000);
    expect(data!.purchaseBook.status).toBe('PURCHASED');
    expect(data!.purchaseBook.pricePaid.cents).toBe(next.total);
    expect(data!.purchaseBook.order.shipments[0].store.slug).toBe(profiles[next.index]!.slug);
    const request = await t.app.db.selectFrom('purchaseRequests').selectAll().where('bookId', '=', book.id).executeTakeFirstOrThrow();
    const held = await t.app.db
      .selectFrom('testPaymentLedger')
      .select(['amountCents', 'status'])
      .where('idempotencyKey', 'like', `purchase-${request.id}-%`)
      .orderBy('createdAt')
      .execute();
    // The order at the cached price was refused by the store; its authorisation was released, never captured.
    expect(held).toEqual([
      { amountCents: landed(1, 1800), status: 'VOIDED' },
      { amountCents: next.total, status: 'CAPTURED' },
    ]);
    expect(await openPartnerOrders(`folio-purchase-${request.id}`)).toHaveLength(1);
  });

  it('runs 50 concurrent requests with one key once: one order, one capture; the key with another request is refused', async () => {
    const book = await bookPricedAt([1200, 2000, 2100, 2200, 2300]);
    const input = {
      isbn: book.isbn13,
      maxPriceCents: 5_000,
      paymentToken: 'tok_visa',
      idempotencyKey: 'same-key-50',
      maxWaitMs: 2_000,
      shippingAddress: ADDRESS,
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => t.execute<{ purchaseBook: any }>(PURCHASE, { input }, token)));
    expect(results.every((result) => result.errors === undefined)).toBe(true);
    const orderIds = new Set(results.map((result) => result.data!.purchaseBook.order?.id));
    expect(orderIds.size).toBe(1);
    expect([...orderIds][0]).toBeTruthy();
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM purchase_requests WHERE idempotency_key = 'same-key-50'`.execute(t.app.db);
    expect(rows[0]!.n).toBe(1);
    const captured = (await ledger()).filter((entry) => entry.status === 'CAPTURED' && entry.amountCents === landed(0, 1200));
    expect(captured).toHaveLength(1);
    expect((await storeStats(sim, profiles[0]!.slug)).orders).toBeGreaterThanOrEqual(1);

    const reused = await t.execute(PURCHASE, { input: { ...input, maxPriceCents: 4_000 } }, token);
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  for (const [paymentToken, expected] of [
    ['tok_chargeDeclined', 'PAYMENT_DECLINED'],
    ['tok_insufficientFunds', 'PAYMENT_DECLINED'],
    ['tok_error', 'FAILED'],
  ] as const) {
    it(`${paymentToken}: ${expected}, no money captured, no partner order`, async () => {
      const book = await bookPricedAt([1200, 2000, 2100, 2200, 2300]);
      const { data } = await buy(book.isbn13, 5_000, { paymentToken });
      expect(data!.purchaseBook.status).toBe(expected);
      expect(data!.purchaseBook.order).toBeNull();
      const request = await t.app.db.selectFrom('purchaseRequests').selectAll().where('bookId', '=', book.id).executeTakeFirstOrThrow();
      expect(await openPartnerOrders(`folio-purchase-${request.id}`)).toEqual([]);
      const entries = await t.app.db.selectFrom('testPaymentLedger').selectAll().where('idempotencyKey', 'like', `purchase-${request.id}-%`).execute();
      expect(entries.filter((entry) => entry.status === 'CAPTURED')).toEqual([]);
    });
  }

  it('a partner 409 at order time: that authorisation is voided, and the store is ranked again at the price it quoted', async () => {
    const book = await bookPricedAt([1200, 2000, 2100, 2200, 2300]);
    atStep = async (step) => {
      if (step === 'ORDERING') {
        atStep = null;
        await setPrice(sim, profiles[0]!.slug, book.isbn13, 1300);
      }
    };
    const { data } = await buy(book.isbn13, 5_000);
    expect(data!.purchaseBook.status).toBe('PURCHASED');
    // $13.00 there is still the cheapest: bought from the same store at its new price, not from the next one.
    expect(data!.purchaseBook.pricePaid.cents).toBe(landed(0, 1300));
    const request = await t.app.db.selectFrom('purchaseRequests').selectAll().where('bookId', '=', book.id).executeTakeFirstOrThrow();
    const held = await t.app.db
      .selectFrom('testPaymentLedger')
      .select(['amountCents', 'status'])
      .where('idempotencyKey', 'like', `purchase-${request.id}-%`)
      .orderBy('createdAt')
      .execute();
    expect(held).toEqual([
      { amountCents: landed(0, 1200), status: 'VOIDED' },
      { amountCents: landed(0, 1300), status: 'CAPTURED' },
    ]);
    expect(await openPartnerOrders(`folio-purchase-${request.id}`)).toHaveLength(1);
  });

  it('a partner 409 with a price above the next store: the next cheapest store is bought from', async () => {
    const book = await bookPricedAt([1200, 2000, 2100, 2200, 2300]);
    atStep = async (step) => {
      if (step === 'ORDERING') {
        atStep = null;
        await setPrice(sim, profiles[0]!.slug, book.isbn13, 2900);
      }
    };
    const { data } = await buy(book.isbn13, 5_000);
    expect(data!.purchaseBook.status).toBe('PURCHASED');
    const cheapestOther = Math.min(...[2000, 2100, 2200, 2300].map((price, index) => landed(index + 1, price)));
    expect(data!.purchaseBook.pricePaid.cents).toBe(Math.min(cheapestOther, landed(0, 2900)));
  });

  it('when every store within the maximum refuses its old price, nothing is charged and the result says why', async () => {
    const book = await bookPricedAt([1200, 4000, 4100, 4200, 4300]);
    atStep = async (step) => {
      if (step === 'ORDERING') await setPrice(sim, profiles[0]!.slug, book.isbn13, 1300);
    };
    const { data } = await buy(book.isbn13, landed(0, 1250));
    expect(data!.purchaseBook.status).toBe('PRICE_UNCONFIRMED');
    expect(data!.purchaseBook.reason).toContain('$13.00');
    const request = await t.app.db.selectFrom('purchaseRequests').selectAll().where('bookId', '=', book.id).executeTakeFirstOrThrow();
    const held = await t.app.db.selectFrom('testPaymentLedger').select('status').where('idempotencyKey', 'like', `purchase-${request.id}-%`).execute();
    expect(held).toEqual([{ status: 'VOIDED' }]);
    expect(await openPartnerOrders(`folio-purchase-${request.id}`)).toEqual([]);
  });

  it('a partner answering 500 to the order: asked again with the same reference, so one order is placed and bought', async () => {
    const book = await bookPricedAt([1200, 2000, 2100, 2200, 2300]);
    atStep = async (step) => {
      if (step === 'ORDERING') await admin(sim, 'PUT', `/stores/${profiles[0]!.slug}`, { failNext: 1 });
    };
    const { data } = await buy(book.isbn13, 5_000);
    expect(data!.purchaseBook.status).toBe('PURCHASED');
    expect(data!.purchaseBook.pricePaid.cents).toBe(landed(0, 1200));
    const request = await t.app.db.selectFrom('purchaseRequests').selectAll().where('bookId', '=', book.id).executeTakeFirstOrThrow();
    expect(await openPartnerOrders(`folio-purchase-${request.id}`)).toHaveLength(1);
    const held = await t.app.db.selectFrom('testPaymentLedger').select('status').where('idempotencyKey', 'like', `purchase-${request.id}-%`).execute();
    expect(held).toEqual([{ status: 'CAPTURED' }]);
    expect((await storeStats(sim, profiles[0]!.slug)).errors).toBeGreaterThanOrEqual(1);
  });

  it('a partner timing out on the order: authorisation voided, and the order is cancelled if it lands later', async () => {
    const book = await bookPricedAt([1200, 2000, 2100, 2200, 2300]);
    atStep = async (step) => {
      if (step === 'ORDERING') await admin(sim, 'PUT', `/stores/${profiles[0]!.slug}`, { latencyMs: 4_500, latencySigma: 0 });
    };
    const { data } = await buy(book.isbn13, 5_000);
    expect(data!.purchaseBook.status).toBe('FAILED');
    const request = await t.app.db.selectFrom('purchaseRequests').selectAll().where('bookId', '=', book.id).executeTakeFirstOrThrow();
    const entry = await t.app.db
      .selectFrom('testPaymentLedger')
      .selectAll()
      .where('idempotencyKey', 'like', `purchase-${request.id}-%`)
      .executeTakeFirstOrThrow();
    expect(entry.status).toBe('VOIDED');
    await admin(sim, 'PUT', `/stores/${profiles[0]!.slug}`, { latencyMs: 2 });
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the slow order lands at the store
    await t.app.services.cancelLateOrder(request.chosenStoreId!, `folio-purchase-${request.id}`); // the scheduled check, run now
    expect(await openPartnerOrders(`folio-purchase-${request.id}`)).toEqual([]);
    const jobs = await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'cancel_partner_order'`.execute(t.app.db);
    expect(jobs.rows[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it('with anyEdition takes the cheapest acceptable edition of the same work', async () => {
    const hardcover = await createBook(t.app.db, { title: `Editions ${++sequence}`, format: 'HARDCOVER' });
    const paperback = await createBook(t.app.db, { title: `Editions ${sequence}`, format: 'PAPERBACK', workId: hardcover.workId });
    for (const [index, profile] of profiles.entries()) {
      await setPrice(sim, profile.slug, hardcover.isbn13, 3000 + index);
      await setPrice(sim, profile.slug, paperback.isbn13, 1100 + index);
    }
    const any = await buy(hardcover.isbn13, 10_000, { anyEdition: true });
    expect(any.data!.purchaseBook.order.lines[0].book.isbn13).toBe(paperback.isbn13);
    const hardcoverOnly = await buy(hardcover.isbn13, 10_000, { anyEdition: true, formats: ['HARDCOVER'] });
    expect(hardcoverOnly.data!.purchaseBook.order.lines[0].book.isbn13).toBe(hardcover.isbn13);
    const exact = await buy(hardcover.isbn13, 10_000);
    expect(exact.data!.purchaseBook.order.lines[0].book.isbn13).toBe(hardcover.isbn13);
  });

  it('shows the offers arriving on offersUpdated while the purchase waits for live prices', async () => {
    const book = await bookPricedAt([1200, 2000, 2100, 2200, 2300]);
    const port = await t.app.http.listen(0, '127.0.0.1');
    const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    const received: { store: { slug: string }; source: string; price: { cents: number } }[] = [];
    client.subscribe(
      { query: `subscription { offersUpdated(isbn: "${book.isbn13}") { store { slug } source price { cents } } }` },
      { next: (message) => void received.push((message.data as any).offersUpdated), error: () => undefined, complete: () => undefined },
    );
    const [store] = await t.app.services.stores.partners();
    await untilSubscribed(
      () =>
        t.app.services.events.publish('offersUpdated', book.isbn13, {
          bookId: book.id,
          storeId: store!.id,
          priceCents: 1,
          shippingCents: 0,
          currency: 'USD',
          inStock: true,
          fetchedAt: new Date().toISOString(),
          source: 'LIVE',
        }),
      () => received.length,
    );
    received.length = 0; // the probes
    const { data } = await buy(book.isbn13, 5_000);
    expect(data!.purchaseBook.status).toBe('PURCHASED');
    await eventually(() => received.filter((offer) => offer.price.cents !== 1).length >= 5);
    const offers = received.filter((offer) => offer.price.cents !== 1);
    expect(new Set(offers.map((offer) => offer.store.slug)).size).toBe(5);
    expect(offers.every((offer) => offer.source === 'LIVE')).toBe(true);
    await client.dispose();
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const book = await bookPricedAt([1200, 2000, 2100, 2200, 2300]);
    const cases: [Record<string, unknown>, string][] = [
      [{ paymentToken: '4242 4242 4242 4242' }, 'Card numbers are never accepted'],
      [{ paymentToken: 'visa' }, 'payment provider token'],
      [{ maxPriceCents: 0 }, 'maxPriceCents'],
      [{ maxWaitMs: 60_000 }, 'maxWaitMs'],
      [{ isbn: '978-0-306-40615-8' }, 'check digit'],
      [{ idempotencyKey: '' }, 'idempotencyKey'],
    ];
    for (const [change, message] of cases) {
      const { errors } = await buy(book.isbn13, 5_000, change);
      expect(errors?.[0]?.extensions?.code, JSON.stringify(change)).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toContain(message);
    }
    const anonymous = await t.execute(PURCHASE, {
      input: { isbn: book.isbn13, maxPriceCents: 5_000, paymentToken: 'tok_visa', idempotencyKey: 'anon', shippingAddress: ADDRESS },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const written = await t.app.db.selectFrom('purchaseRequests').select('id').where('bookId', '=', book.id).execute();
    expect(written).toEqual([]);
  });

  it('refuses a purchase without a shipping address, naming the field, before anything is asked, held or written', async () => {
    const book = await bookPricedAt([1200, 2000, 2100, 2200, 2300]);
    const requestsBefore = await Promise.all(profiles.map((_, index) => requestsAt(index)));
    const ledgerBefore = (await ledger()).length;
    for (const missing of [{ shippingAddress: null }, { shippingAddress: undefined }]) {
      const { data, errors } = await buy(book.isbn13, 5_000, { ...missing, idempotencyKey: 'no-address' });
      expect(data).toBeNull();
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'shippingAddress' });
      expect(errors?.[0]?.message).toContain('shippingAddress is required');
    }
    expect(await t.app.db.selectFrom('purchaseRequests').select('id').where('bookId', '=', book.id).execute()).toEqual([]);
    expect(await t.app.db.selectFrom('idempotencyKeys').select('key').where('key', '=', 'no-address').execute()).toEqual([]);
    expect((await ledger()).length).toBe(ledgerBefore);
    expect(await Promise.all(profiles.map((_, index) => requestsAt(index)))).toEqual(requestsBefore);
    // The key was never claimed: the same key with an address buys.
    const { data } = await buy(book.isbn13, 5_000, { idempotencyKey: 'no-address' });
    expect(data!.purchaseBook.status).toBe('PURCHASED');
  });

  it('refuses a malformed part of the address, naming it, and writes nothing', async () => {
    const book = await bookPricedAt([1200, 2000, 2100, 2200, 2300]);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...ADDRESS, country: 'USA' }, 'shippingAddress.country', 'two-letter'],
      [{ ...ADDRESS, city: '   ' }, 'shippingAddress.city', 'city is required'],
      [{ ...ADDRESS, postalCode: '' }, 'shippingAddress.postalCode', 'postalCode is required'],
      [{ ...ADDRESS, line1: 'x'.repeat(201) }, 'shippingAddress.line1', 'at most 200'],
    ];
    for (const [shippingAddress, field, message] of cases) {
      const { errors } = await buy(book.isbn13, 5_000, { shippingAddress });
      expect(errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(errors?.[0]?.message).toContain(message);
    }
    expect(await t.app.db.selectFrom('purchaseRequests').select('id').where('bookId', '=', book.id).execute()).toEqual([]);
  });

  it('ships where the shopper asked: the order shows the address and the partner order carries it', async () => {
    const book = await bookPricedAt([1200, 2000, 2100, 2200, 2300]);
    const address = {
      name: ' Grace Hopper ',
      line1: '7 Compiler Court',
      line2: 'Floor 2',
      city: 'Arlington',
      region: 'VA',
      postalCode: '22201',
      country: 'us',
    };
    const shipped = { ...address, name: 'Grace Hopper', country: 'US' };
    const { data, errors } = await t.execute<{ purchaseBook: any }>(
      `mutation ($input: PurchaseBookInput!) { purchaseBook(input: $input) {
         status order { id shippingAddress { name line1 line2 city region postalCode country } shipments { store { slug } partnerOrderId } } } }`,
      { input: { isbn: book.isbn13, maxPriceCents: 5_000, paymentToken: 'tok_visa', idempotencyKey: `key-${++sequence}`, shippingAddress: address } },
      token,
    );
    expect(errors).toBeUndefined();
    expect(data!.purchaseBook.status).toBe('PURCHASED');
    expect(data!.purchaseBook.order.shippingAddress).toEqual(shipped);
    const [shipment] = data!.purchaseBook.order.shipments;
    const partnerOrder = await (await fetch(`${sim.url}/stores/${shipment.store.slug}/orders/${shipment.partnerOrderId}`)).json();
    expect(partnerOrder.shippingAddress).toEqual(shipped);
    const again = await t.execute<{ order: any }>(
      'query ($id: ID!) { order(id: $id) { shippingAddress { name country } } }',
      { id: data!.purchaseBook.order.id },
      token,
    );
    expect(again.data!.order.shippingAddress).toEqual({ name: 'Grace Hopper', country: 'US' });
  });
});
