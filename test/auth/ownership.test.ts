import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBook } from '../factories/catalog.js';
import { checkout } from '../helpers/checkout.js';
import { openShop, type Shop } from '../helpers/shop.js';

// One shopper's cart, order, alert and price report, and every path another shopper (or a guest)
// could try to reach them by: none may read or change them.
let shop: Shop;
let owner: string;
let intruder: string;
const ids: Record<'cart' | 'order' | 'alert' | 'report', string> = { cart: '', order: '', alert: '', report: '' };

beforeAll(async () => {
  shop = await openShop({ seed: 113, stores: 1, runWorker: false });
  owner = await shop.shopper('owner@example.com');
  intruder = await shop.shopper('intruder@example.com');
  const bought = await createBook(shop.t.app.db, { title: 'Bought', priceCents: 1_000, stock: { onHand: 5 } });
  const watched = await createBook(shop.t.app.db, { title: 'Watched', priceCents: 1_000, stock: { onHand: 5 } });
  await shop.priceEverywhere(watched.isbn13, 2_000);
  await shop.t.execute('mutation ($isbn: String!) { addToCart(input: { isbn: $isbn, quantity: 1 }) { id } }', { isbn: bought.isbn13 }, owner);
  ids.order = (await checkout(shop, { idempotencyKey: 'owned' }, owner)).data!.checkout.order!.id;
  ids.cart = (
    await shop.t.execute<{ addToCart: { id: string } }>(
      'mutation ($isbn: String!) { addToCart(input: { isbn: $isbn, quantity: 1 }) { id } }',
      { isbn: watched.isbn13 },
      owner,
    )
  ).data!.addToCart.id;
  ids.alert = (
    await shop.t.execute<{ createPriceAlert: { id: string } }>(
      'mutation ($isbn: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 100, channels: [SUBSCRIPTION] }) { id } }',
      { isbn: watched.isbn13 },
      owner,
    )
  ).data!.createPriceAlert.id;
  const store = (
    await shop.t.execute<{ stores: { edges: { node: { id: string; kind: string } }[] } }>('{ stores { edges { node { id kind } } } }')
  ).data!.stores.edges.find((e) => e.node.kind === 'PARTNER')!.node.id;
  ids.report = (
    await shop.t.execute<{ reportPrice: { id: string } }>(
      'mutation ($isbn: String!, $store: ID!) { reportPrice(input: { isbn: $isbn, storeId: $store, priceCents: 1990 }) { id } }',
      { isbn: watched.isbn13, store },
      owner,
    )
  ).data!.reportPrice.id;
});
afterAll(() => shop.close());

const someone = () =>
  [
    ['another shopper', intruder],
    ['a guest', undefined],
  ] as const;

/** Neither data nor anything but an auth error (or a plain null) comes back. */
function denied(answer: { data?: Record<string, unknown> | null; errors?: readonly { extensions?: Record<string, unknown> }[] }, field: string) {
  expect(answer.data?.[field] ?? null).toBeNull();
  for (const error of answer.errors ?? []) expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(error.extensions?.code);
}

describe('what belongs to a shopper', () => {
  it('is readable by its owner through node(id:)', async () => {
    for (const id of Object.values(ids)) {
      const answer = await shop.t.execute<{ node: { id: string } | null }>('query ($id: ID!) { node(id: $id) { id } }', { id }, owner);
      expect(answer.data!.node, id).toEqual({ id });
    }
  });

  it.each(someone())('is not readable by %s through node, nodes or order', async (_who, token) => {
    for (const id of Object.values(ids)) {
      denied(await shop.t.execute('query ($id: ID!) { node(id: $id) { id } }', { id }, token), 'node');
      const many = await shop.t.execute<{ nodes: unknown[] }>('query ($id: ID!) { nodes(ids: [$id]) { id } }', { id }, token);
      expect(many.data?.nodes?.[0] ?? null).toBeNull();
    }
    denied(await shop.t.execute('query ($id: ID!) { order(id: $id) { id total { cents } } }', { id: ids.order }, token), 'order');
  });

  it.each(someone())('cannot be changed by %s: cancelOrder, deletePriceAlert', async (_who, token) => {
    const cancel = await shop.t.execute('mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: ids.order }, token);
    expect(cancel.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|UNAUTHENTICATED/);
    const removed = await shop.t.execute<{ deletePriceAlert: boolean }>('mutation ($id: ID!) { deletePriceAlert(id: $id) }', { id: ids.alert }, token);
    expect(removed.data?.deletePriceAlert ?? false).toBe(false);
    const order = await shop.t.execute<{ order: { status: string } }>('query ($id: ID!) { order(id: $id) { status } }', { id: ids.order }, owner);
    expect(order.data!.order.status).toBe('PLACED');
    const alert = await shop.t.execute<{ node: { id: string } | null }>('query ($id: ID!) { node(id: $id) { id } }', { id: ids.alert }, owner);
    expect(alert.data!.node).toEqual({ id: ids.alert });
  });

  it("another shopper's cart, alerts, reports and orders never show in their own viewer or cart", async () => {
    const mine = await shop.t.execute<{ cart: unknown; viewer: { priceAlerts: unknown[]; priceReports: unknown[]; orders: { totalCount: number } } }>(
      '{ cart { id } viewer { priceAlerts { id } priceReports { id } orders { totalCount } } }',
      {},
      intruder,
    );
    expect(mine.data).toEqual({ cart: null, viewer: { priceAlerts: [], priceReports: [], orders: { totalCount: 0 } } });
  });

  it("does not stream another shopper's order status", async () => {
    const port = await shop.t.app.http.listen(0, '127.0.0.1');
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${intruder}` },
    });
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription ($id: ID!) { orderStatusChanged(orderId: $id) { status } }', variables: { id: ids.order } },
        {
          next: (message) => resolve(message.errors?.[0]?.extensions?.code ?? message.data),
          error: (error) => resolve(Array.isArray(error) ? error[0]?.extensions?.code : String(error)),
          complete: () => resolve('complete'),
        },
      );
    });
    expect(outcome).toBe('FORBIDDEN');
    await client.dispose();
  });
});
