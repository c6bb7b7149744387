import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippingCents, type StoreProfile } from '../../src/simulator/stores.js';
import { createBook } from '../factories/catalog.js';
import { eventually, type SmtpSink, startSmtpSink } from '../helpers/receivers.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { setPrice } from '../helpers/simulator.js';

let sink: SmtpSink;
let shop: Shop;
let token: string;
let userId: number;
let profiles: StoreProfile[];

const EMAIL = 'watcher@example.com';
const HOME = { name: 'Wendy Watcher', line1: '9 Lookout Row', city: 'Portland', region: 'ME', postalCode: '04101', country: 'US' };
const MAX = 3_000;

const PURCHASE = `mutation ($input: PurchaseBookInput!) { purchaseBook(input: $input) {
  status reason lowestPrice { cents }
  watch { id rule armed channels threshold { cents } autoBuyMax { cents } book { isbn13 }
          autoBuyShippingAddress { name line1 city region postalCode country } }
} }`;

const WATCH = `query ($id: ID!) { node(id: $id) { ... on PriceAlert {
  armed deliveries { channel }
  autoBoughtOrder { id total { cents } shippingAddress { name line1 city region postalCode country } shipments { store { slug } partnerOrderId } }
} } }`;

beforeAll(async () => {
  sink = await startSmtpSink();
  shop = await openShop({ seed: 61, stores: 3, runWorker: true, environment: { SMTP_URL: sink.url } });
  profiles = shop.sim.simulator.profiles();
  token = await shop.shopper(EMAIL);
  userId = (await shop.t.app.db.selectFrom('users').select('id').where('email', '=', EMAIL).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await shop.close();
  await sink.close();
});

function buy(isbn: string, idempotencyKey: string, extra: Record<string, unknown> = {}) {
  return shop.t.execute<{ purchaseBook: any }>(
    PURCHASE,
    {
      input: { isbn, maxPriceCents: MAX, paymentToken: 'tok_visa', idempotencyKey, shippingAddress: HOME, keepWatching: true, ...extra },
    },
    token,
  );
}

async function watchNow(id: string) {
  return (await shop.t.execute<{ node: any }>(WATCH, { id }, token)).data!.node;
}

/** One store's price changes, and Folio hears of it by a live look-up (which queues the alert evaluation). */
async function priceAt(store: StoreProfile, isbn13: string, priceCents: number): Promise<void> {
  await setPrice(shop.sim, store.slug, isbn13, priceCents);
  for (let attempt = 0; attempt < 10; attempt++) {
    const answer = await shop.t.execute<{ book: { offers: { store: { slug: string }; price: { cents: number } }[] } }>(
      `{ book(isbn: "${isbn13}") { offers(maxAgeSeconds: 0) { store { slug } price { cents } } } }`,
    );
    if (answer.data?.book.offers.some((offer) => offer.store.slug === store.slug && offer.price.cents === priceCents)) return;
    await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
  }
  throw new Error(`${store.slug}'s price of ${isbn13} could not be heard`);
}

/** Waits until every alert evaluation and auto-buy queued so far has run. */
async function alertsSettled(): Promise<void> {
  const pending = async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier IN ('evaluate_alerts', 'auto_buy')`.execute(shop.t.app.db);
    return rows[0]!.n;
  };
  await eventually(async () => (await pending()) === 0);
  expect(await pending()).toBe(0);
}

async function ordersOf(bookId: number) {
  return shop.t.app.db
    .selectFrom('orders')
    .innerJoin('orderLines', 'orderLines.orderId', 'orders.id')
    .select(['orders.id', 'orders.totalCents'])
    .where('orders.userId', '=', userId)
    .where('orderLines.bookId', '=', bookId)
    .execute();
}

/** A price at `store` whose total (with its shipping) is within the maximum. */
function priceWithin(store: StoreProfile, priceCents: number): number {
  expect(priceCents + shippingCents(store, priceCents)).toBeLessThanOrEqual(MAX);
  return priceCents;
}

describe('purchaseBook with keepWatching', () => {
  it(
    'above the maximum sets an auto-buy watch; a drop at one store buys once, shipped to the address; a later dip buys nothing more',
    { timeout: 90_000 },
    async () => {
      const book = await createBook(shop.t.app.db, { title: 'Worth The Wait' });
      await shop.priceEverywhere(book.isbn13, 4_000);

      const first = await buy(book.isbn13, 'watch-1');
      expect(first.errors).toBeUndefined();
      const answer = first.data!.purchaseBook;
      expect(answer.status).toBe('PRICE_ABOVE_MAX');
      expect(answer.watch).toMatchObject({
        rule: 'BELOW',
        armed: true,
        channels: ['SUBSCRIPTION', 'EMAIL'],
        threshold: { cents: MAX },
        autoBuyMax: { cents: MAX },
        book: { isbn13: book.isbn13 },
        autoBuyShippingAddress: HOME,
      });

      // The same key again: the same answer and the same watch, never a second alert.
      const repeats = await Promise.all([buy(book.isbn13, 'watch-1'), buy(book.isbn13, 'watch-1')]);
      for (const repeat of repeats) expect(repeat.data!.purchaseBook.watch.id).toBe(answer.watch.id);
      expect(await shop.t.app.db.selectFrom('priceAlerts').select('id').where('bookId', '=', book.id).execute()).toHaveLength(1);

      // One store's total falls to the maximum: the watch fires and buys, once, to the given address.
      const store = profiles[1]!;
      const dropped = priceWithin(store, 2_000);
      await priceAt(store, book.isbn13, dropped);
      await eventually(async () => (await watchNow(answer.watch.id)).autoBoughtOrder !== null);
      const watched = await watchNow(answer.watch.id);
      const order = watched.autoBoughtOrder;
      expect(order).not.toBeNull();
      expect(order.total.cents).toBe(dropped + shippingCents(store, dropped));
      expect(order.total.cents).toBeLessThanOrEqual(MAX);
      expect(order.shippingAddress).toEqual(HOME);
      expect(order.shipments).toEqual([{ store: { slug: store.slug }, partnerOrderId: expect.any(String) }]);
      const partnerOrder = await (await fetch(`${shop.sim.url}/stores/${store.slug}/orders/${order.shipments[0].partnerOrderId}`)).json();
      expect(partnerOrder.shippingAddress).toEqual(HOME);
      expect(await ordersOf(book.id)).toHaveLength(1);

      // The shopper's channels say so: the subscription and an e-mail about the drop and the purchase.
      await alertsSettled();
      expect((await watchNow(answer.watch.id)).deliveries.map((delivery: { channel: string }) => delivery.channel).sort()).toEqual(['EMAIL', 'SUBSCRIPTION']);
      await eventually(() => sink.inbox.some((mail) => mail.raw.includes('Worth The Wait')));
      const mail = sink.inbox.find((message) => message.raw.includes('Worth The Wait'))!;
      expect(mail.to).toEqual([EMAIL]);
      expect(mail.raw.replace(/=\r?\n/g, '')).toMatch(/auto-buy is on it|has bought it for you/);

      // The price recovers (the watch re-arms) and dips again, lower, elsewhere: it notifies, and buys nothing more.
      await shop.priceEverywhere(book.isbn13, 4_000);
      await alertsSettled();
      await priceAt(profiles[2]!, book.isbn13, priceWithin(profiles[2]!, 1_500));
      await alertsSettled();
      await eventually(async () => (await watchNow(answer.watch.id)).deliveries.length >= 4);
      expect(await ordersOf(book.id)).toHaveLength(1);
      const bought = await shop.t.app.db
        .selectFrom('purchaseRequests')
        .select('status')
        .where('userId', '=', userId)
        .where('bookId', '=', book.id)
        .where('status', '=', 'PURCHASED')
        .execute();
      expect(bought).toHaveLength(1);
      expect((await watchNow(answer.watch.id)).autoBoughtOrder.id).toBe(order.id);
    },
  );

  it('a watch deleted before the price drops buys nothing', { timeout: 60_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Changed My Mind Again' });
    await shop.priceEverywhere(book.isbn13, 4_000);
    const { data } = await buy(book.isbn13, 'watch-deleted');
    const watchId = data!.purchaseBook.watch.id;
    const deleted = await shop.t.execute<{ deletePriceAlert: boolean }>('mutation ($id: ID!) { deletePriceAlert(id: $id) }', { id: watchId }, token);
    expect(deleted.data!.deletePriceAlert).toBe(true);

    await priceAt(profiles[0]!, book.isbn13, priceWithin(profiles[0]!, 1_000));
    await alertsSettled();
    expect(await ordersOf(book.id)).toEqual([]);
    expect(await shop.t.app.db.selectFrom('notifications').select('id').where('bookId', '=', book.id).execute()).toEqual([]);
    // Its purchase still answers the same, and no longer shows the deleted watch.
    const repeat = await buy(book.isbn13, 'watch-deleted');
    expect(repeat.data!.purchaseBook).toMatchObject({ status: 'PRICE_ABOVE_MAX', watch: null });
  });

  it('sets no watch without keepWatching, nor when the book is bought; keepWatching is part of what the key stands for', async () => {
    const book = await createBook(shop.t.app.db, { title: 'No Need To Watch' });
    await shop.priceEverywhere(book.isbn13, 4_000);
    const plain = await buy(book.isbn13, 'no-watch', { keepWatching: false });
    expect(plain.data!.purchaseBook).toMatchObject({ status: 'PRICE_ABOVE_MAX', watch: null });
    const reused = await buy(book.isbn13, 'no-watch');
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const bought = await buy(book.isbn13, 'bought-anyway', { maxPriceCents: 10_000 });
    expect(bought.data!.purchaseBook).toMatchObject({ status: 'PURCHASED', watch: null });
    expect(await shop.t.app.db.selectFrom('priceAlerts').select('id').where('bookId', '=', book.id).execute()).toEqual([]);
  });

  it('refuses keepWatching without an address like any purchase, setting nothing', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Watch Where' });
    await shop.priceEverywhere(book.isbn13, 4_000);
    const { errors } = await buy(book.isbn13, 'watch-nowhere', { shippingAddress: null });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'shippingAddress' });
    expect(await shop.t.app.db.selectFrom('priceAlerts').select('id').where('bookId', '=', book.id).execute()).toEqual([]);
  });

  it('a watch buys only the editions its purchase would have: a drop of another format buys nothing', { timeout: 60_000 }, async () => {
    const hardcover = await createBook(shop.t.app.db, { title: 'Only In Hardcover', format: 'HARDCOVER' });
    const paperback = await createBook(shop.t.app.db, { title: 'Only In Hardcover', format: 'PAPERBACK', workId: hardcover.workId });
    await shop.priceEverywhere(hardcover.isbn13, 4_000);
    await shop.priceEverywhere(paperback.isbn13, 4_000);
    const { data } = await buy(hardcover.isbn13, 'watch-hardcover', { anyEdition: true, formats: ['HARDCOVER'] });
    expect(data!.purchaseBook.status).toBe('PRICE_ABOVE_MAX');
    const alert = await shop.t.app.db
      .selectFrom('priceAlerts')
      .select(['workId', 'autoBuyFormats'])
      .where('bookId', '=', hardcover.id)
      .executeTakeFirstOrThrow();
    expect(alert).toEqual({ workId: hardcover.workId, autoBuyFormats: ['HARDCOVER'] });

    await priceAt(profiles[0]!, paperback.isbn13, priceWithin(profiles[0]!, 1_000));
    await alertsSettled();
    expect(await ordersOf(paperback.id)).toEqual([]);
    expect(await ordersOf(hardcover.id)).toEqual([]);
  });
});
