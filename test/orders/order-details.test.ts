import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../src/lib/calendar.js';
import { createLogger } from '../../src/lib/logger.js';
import { startWorker, type WorkerHandle } from '../../src/worker.js';
import { ADDRESS } from '../factories/address.js';
import { createBook } from '../factories/catalog.js';
import { checkout } from '../helpers/checkout.js';
import { eventually } from '../helpers/receivers.js';
import { storeIds } from '../helpers/reports.js';
import { openShop, type Shop } from '../helpers/shop.js';

// Fulfilment steps are due at once and the partner's order moves every 300 ms, so an order ships within seconds.
let shop: Shop;
let worker: WorkerHandle | null = null;

beforeAll(async () => {
  shop = await openShop({ seed: 131, stores: 1, runWorker: false, orderStepMs: 300, environment: { FULFILMENT_STEP_SECONDS: '0' } });
});
afterAll(async () => {
  await worker?.stop();
  await shop.close();
});

const ORDER = `query ($id: ID!) { order(id: $id) {
  number status cancellable total { cents }
  shippingAddress { name line1 city postalCode country }
  payment { authorized { cents } captured { cents } refunded { cents } brand last4 }
  shipments { status carrier trackingNumber estimatedDelivery store { slug } }
} }`;

interface OrderAnswer {
  number: string;
  status: string;
  cancellable: boolean;
  total: { cents: number };
  shippingAddress: Record<string, string>;
  payment: { authorized: { cents: number }; captured: { cents: number }; refunded: { cents: number }; brand: string; last4: string } | null;
  shipments: { status: string; carrier: string | null; trackingNumber: string | null; estimatedDelivery: string | null; store: { slug: string } | null }[];
}

async function orderOf(id: string, token: string): Promise<OrderAnswer> {
  const answer = await shop.t.execute<{ order: OrderAnswer }>(ORDER, { id }, token);
  expect(answer.errors).toBeUndefined();
  return answer.data!.order;
}

describe('what an order shows', () => {
  it('a number, the address, the payment with its card, and per shipment the carrier, tracking number and expected day', { timeout: 30_000 }, async () => {
    const partner = shop.sim.simulator.profiles()[0]!;
    const own = await createBook(shop.t.app.db, { title: 'Shelved At Home', priceCents: 1_000, stock: { onHand: 2 } });
    const far = await createBook(shop.t.app.db, { title: 'Shelved Far Away' });
    await shop.priceEverywhere(far.isbn13, 1_500);
    const token = await shop.shopper('details@example.com');
    const stores = await storeIds(shop);
    for (const line of [
      { isbn: own.isbn13, quantity: 1 },
      { isbn: far.isbn13, quantity: 1, storeId: stores.get(partner.slug) },
    ]) {
      expect(
        (await shop.t.execute('mutation ($input: AddToCartInput!) { addToCart(input: $input) { version } }', { input: line }, token)).errors,
      ).toBeUndefined();
    }
    const placed = await checkout(shop, { idempotencyKey: 'details-1' }, token);
    expect(placed.data!.checkout.status).toBe('PLACED');
    const id = placed.data!.checkout.order!.id;

    const order = await orderOf(id, token);
    expect(order.number).toMatch(/^F-\d{2}-\d{6}$/);
    expect(order.shippingAddress).toMatchObject(ADDRESS);
    expect(order.payment).toEqual({ authorized: order.total, captured: order.total, refunded: { cents: 0 }, brand: 'visa', last4: '4242' });
    expect(order.cancellable).toBe(true);
    const home = order.shipments.find((shipment) => shipment.store === null)!;
    const away = order.shipments.find((shipment) => shipment.store?.slug === partner.slug)!;
    expect(home).toMatchObject({ carrier: 'Folio Post', trackingNumber: null, estimatedDelivery: addWorkingDays(new Date(), 3) });
    expect(away).toMatchObject({ carrier: partner.carrier, trackingNumber: null, estimatedDelivery: addWorkingDays(new Date(), partner.deliveryDays) });

    worker = await startWorker({
      connectionString: shop.t.databaseUrl,
      services: shop.t.app.services,
      logger: createLogger('silent'),
      concurrency: 4,
      refreshConcurrency: 0,
      deadAfterSeconds: 120,
    });
    await eventually(async () => (await orderOf(id, token)).status === 'DELIVERED');
    const delivered = await orderOf(id, token);
    expect(delivered.cancellable).toBe(false);
    for (const shipment of delivered.shipments) expect(shipment.trackingNumber).toMatch(/^[A-Z0-9]{10,}$/);
    await worker.stop();
    worker = null;
  });

  it('a cancelled order shows its refund and can no longer be cancelled; the order numbers never repeat', { timeout: 30_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Changed My Mind', priceCents: 800, stock: { onHand: 3 } });
    const token = await shop.shopper('refund@example.com');
    const numbers: string[] = [];
    for (const key of ['refund-1', 'refund-2']) {
      await shop.t.execute('mutation ($isbn: String!) { addToCart(input: { isbn: $isbn, quantity: 1 }) { version } }', { isbn: book.isbn13 }, token);
      const placed = await checkout(shop, { idempotencyKey: key }, token);
      numbers.push((await orderOf(placed.data!.checkout.order!.id, token)).number);
      if (key === 'refund-2') {
        const cancelled = await shop.t.execute('mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: placed.data!.checkout.order!.id }, token);
        expect(cancelled.errors).toBeUndefined();
        const order = await orderOf(placed.data!.checkout.order!.id, token);
        expect(order).toMatchObject({ status: 'CANCELLED', cancellable: false, payment: { captured: { cents: 800 }, refunded: { cents: 800 } } });
      }
    }
    expect(new Set(numbers).size).toBe(2);
  });

  it("a purchase made with purchaseBook shows the same: number, card, the partner's carrier", { timeout: 30_000 }, async () => {
    const partner = shop.sim.simulator.profiles()[0]!;
    const book = await createBook(shop.t.app.db, { title: 'Bought In One Go' });
    await shop.priceEverywhere(book.isbn13, 1_100);
    const token = await shop.shopper('one-go@example.com');
    const bought = await shop.t.execute<{ purchaseBook: { status: string; order: { id: string } | null } }>(
      `mutation ($input: PurchaseBookInput!) { purchaseBook(input: $input) { status order { id } } }`,
      { input: { isbn: book.isbn13, maxPriceCents: 5_000, paymentToken: 'tok_visa', idempotencyKey: 'one-go', shippingAddress: ADDRESS } },
      token,
    );
    expect(bought.data!.purchaseBook.status).toBe('PURCHASED');
    const order = await orderOf(bought.data!.purchaseBook.order!.id, token);
    expect(order).toMatchObject({ cancellable: true, payment: { brand: 'visa', last4: '4242', captured: order.total, refunded: { cents: 0 } } });
    expect(order.number).toMatch(/^F-\d{2}-\d{6}$/);
    expect(order.shipments).toEqual([
      {
        status: 'PLACED',
        carrier: partner.carrier,
        trackingNumber: null,
        estimatedDelivery: addWorkingDays(new Date(), partner.deliveryDays),
        store: { slug: partner.slug },
      },
    ]);
  });
});
