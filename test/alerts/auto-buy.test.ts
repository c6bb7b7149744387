import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS } from '../factories/address.js';
import { createBook } from '../factories/catalog.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { eventually } from '../helpers/receivers.js';

let shop: Shop;
let token: string;

beforeAll(async () => {
  shop = await openShop({ seed: 83, stores: 3, runWorker: true });
  token = await shop.shopper('eager@example.com');
});
afterAll(() => shop.close());

describe('auto-buy', () => {
  it('buys once when the price falls within the maximum, and never again on later drops', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Bought While Asleep' });
    const priceEverywhere = (cents: number) => shop.priceEverywhere(book.isbn13, cents);
    const orders = () => shop.t.app.db.selectFrom('orders').select('id').execute();
    await priceEverywhere(4_000);
    const created = await shop.t.execute<{ createPriceAlert: { id: string } }>(
      `mutation ($isbn: String!, $address: AddressInput) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 3000, channels: [SUBSCRIPTION],
         autoBuy: { maxPriceCents: 3500, paymentToken: "tok_visa", shippingAddress: $address } }) { id } }`,
      { isbn: book.isbn13, address: ADDRESS },
      token,
    );
    expect(created.errors).toBeUndefined();

    await priceEverywhere(2_000);
    await eventually(async () => (await orders()).length > 0);
    expect(await orders()).toHaveLength(1);

    await priceEverywhere(4_000); // recovers: the alert re-arms
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await priceEverywhere(1_800); // fires again: notifies, but does not buy again
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await orders()).toHaveLength(1);
    const captured = await shop.t.app.db.selectFrom('testPaymentLedger').select('status').where('status', '=', 'CAPTURED').execute();
    expect(captured).toHaveLength(1);
    const alert = await shop.t.execute<{ node: { autoBoughtOrder: { id: string } | null; deliveries: unknown[] } }>(
      'query ($id: ID!) { node(id: $id) { ... on PriceAlert { autoBoughtOrder { id } deliveries { status } } } }',
      { id: created.data!.createPriceAlert.id },
      token,
    );
    expect(alert.data!.node.autoBoughtOrder).not.toBeNull();
    expect(alert.data!.node.deliveries).toHaveLength(2);
  });

  it('refuses a card number as the auto-buy token', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Never With A Card' });
    const result = await shop.t.execute(
      `mutation ($isbn: String!, $address: AddressInput) { createPriceAlert(input: { isbn: $isbn, rule: BACK_IN_STOCK, channels: [SUBSCRIPTION],
         autoBuy: { maxPriceCents: 3500, paymentToken: "4111 1111 1111 1111", shippingAddress: $address } }) { id } }`,
      { isbn: book.isbn13, address: ADDRESS },
      token,
    );
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(result.errors?.[0]?.message).toContain('Card numbers are never accepted');
  });

  it('refuses auto-buy without a shipping address, naming the field, and sets no alert', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Nowhere To Send It' });
    const result = await shop.t.execute(
      `mutation ($isbn: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 3000, channels: [SUBSCRIPTION],
         autoBuy: { maxPriceCents: 3500, paymentToken: "tok_visa" } }) { id } }`,
      { isbn: book.isbn13 },
      token,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'autoBuy.shippingAddress' });
    expect(result.errors?.[0]?.message).toContain('autoBuy.shippingAddress is required');
    expect(await shop.t.app.db.selectFrom('priceAlerts').select('id').where('bookId', '=', book.id).execute()).toEqual([]);
  });

  it('ships what it buys to the address the alert was given', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Delivered To The Cabin' });
    const cabin = { name: 'Night Owl', line1: '3 Pine Track', city: 'Bend', region: 'OR', postalCode: '97701', country: 'US' };
    await shop.priceEverywhere(book.isbn13, 4_000);
    const created = await shop.t.execute<{ createPriceAlert: { id: string; autoBuyShippingAddress: unknown } }>(
      `mutation ($isbn: String!, $address: AddressInput) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 3000, channels: [SUBSCRIPTION],
         autoBuy: { maxPriceCents: 3500, paymentToken: "tok_visa", shippingAddress: $address } }) { id autoBuyShippingAddress { name line1 city region postalCode country } } }`,
      { isbn: book.isbn13, address: cabin },
      token,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createPriceAlert.autoBuyShippingAddress).toEqual(cabin);

    await shop.priceEverywhere(book.isbn13, 2_000);
    const bought = async () => {
      const answer = await shop.t.execute<{
        node: { autoBoughtOrder: { shippingAddress: unknown; shipments: { store: { slug: string }; partnerOrderId: string }[] } | null };
      }>(
        `query ($id: ID!) { node(id: $id) { ... on PriceAlert { autoBoughtOrder {
           shippingAddress { name line1 city region postalCode country } shipments { store { slug } partnerOrderId } } } } }`,
        { id: created.data!.createPriceAlert.id },
        token,
      );
      return answer.data!.node.autoBoughtOrder;
    };
    await eventually(async () => (await bought()) !== null);
    const order = (await bought())!;
    expect(order.shippingAddress).toEqual(cabin);
    const [shipment] = order.shipments;
    const partnerOrder = await (await fetch(`${shop.sim.url}/stores/${shipment!.store.slug}/orders/${shipment!.partnerOrderId}`)).json();
    expect(partnerOrder.shippingAddress).toEqual(cabin);
  });

  it('buys once even when a job died before noting its order: a later drop adopts that order, and waits while one is still settling', async () => {
    const { db, services } = shop.t.app;
    const book = await createBook(db, { title: 'Bought Before The Crash' });
    await shop.priceEverywhere(book.isbn13, 2_000);
    const created = await shop.t.execute<{ createPriceAlert: { id: string } }>(
      `mutation ($isbn: String!, $address: AddressInput) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 1000, channels: [SUBSCRIPTION],
         autoBuy: { maxPriceCents: 3500, paymentToken: "tok_visa", shippingAddress: $address } }) { id } }`,
      { isbn: book.isbn13, address: ADDRESS },
      token,
    );
    const alert = await db.selectFrom('priceAlerts').select('id').where('bookId', '=', book.id).executeTakeFirstOrThrow();
    expect(created.errors).toBeUndefined();
    expect(await services.autoBuy(alert.id, 2_100)).toBe('PURCHASED');
    const { autoBoughtOrderId } = await db.selectFrom('priceAlerts').select('autoBoughtOrderId').where('id', '=', alert.id).executeTakeFirstOrThrow();
    expect(autoBoughtOrderId).not.toBeNull();

    // As if that job had died after buying, before noting the order on the alert.
    await db.updateTable('priceAlerts').set({ autoBoughtOrderId: null }).where('id', '=', alert.id).execute();
    expect(await services.autoBuy(alert.id, 1_900)).toBe('PURCHASED');
    const noted = await db.selectFrom('priceAlerts').select('autoBoughtOrderId').where('id', '=', alert.id).executeTakeFirstOrThrow();
    expect(noted.autoBoughtOrderId).toBe(autoBoughtOrderId);
    const lines = await db.selectFrom('orderLines').select('orderId').where('bookId', '=', book.id).execute();
    expect(lines).toEqual([{ orderId: autoBoughtOrderId }]);

    // As if the first purchase were still being settled: a drop at another price waits for it instead of buying.
    await db.updateTable('priceAlerts').set({ autoBoughtOrderId: null }).where('id', '=', alert.id).execute();
    await db.updateTable('purchaseRequests').set({ status: 'IN_PROGRESS' }).where('orderId', '=', autoBoughtOrderId).execute();
    await expect(services.autoBuy(alert.id, 1_800)).rejects.toThrow('still being settled');
    expect(await db.selectFrom('orderLines').select('orderId').where('bookId', '=', book.id).execute()).toHaveLength(1);
    await db.updateTable('purchaseRequests').set({ status: 'PURCHASED' }).where('orderId', '=', autoBoughtOrderId).execute();
  });
});
