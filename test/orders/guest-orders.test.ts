import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../../src/lib/logger.js';
import { startWorker, type WorkerHandle } from '../../src/worker.js';
import { createBook } from '../factories/catalog.js';
import { guestCart } from '../helpers/checkout.js';
import { eventually } from '../helpers/receivers.js';
import { openShop, type Shop } from '../helpers/shop.js';

let shop: Shop;
let worker: WorkerHandle | null = null;
beforeAll(async () => {
  shop = await openShop({ seed: 139, stores: 1, runWorker: false, environment: { FULFILMENT_STEP_SECONDS: '0' } });
});
afterAll(async () => {
  await worker?.stop();
  await shop.close();
});

const ORDER = 'query ($id: ID!, $token: String) { order(id: $id, accessToken: $token) { number status } }';

async function guestCheckout(email: string, key: string) {
  const book = await createBook(shop.t.app.db, { title: `Bought By ${email}`, priceCents: 700, stock: { onHand: 2 } });
  const cartToken = await guestCart(shop, [{ isbn: book.isbn13, quantity: 1 }]);
  const answer = await shop.t.execute<{ checkout: { status: string; orderAccessToken: string | null; order: { id: string; number: string } } }>(
    'mutation ($input: CheckoutInput!) { checkout(input: $input) { status orderAccessToken order { id number } } }',
    {
      input: {
        cartToken,
        email,
        paymentToken: 'tok_visa',
        idempotencyKey: key,
        shippingAddress: { name: 'Guest', line1: '1 Way', city: 'Town', postalCode: '1000', country: 'US' },
      },
    },
  );
  expect(answer.errors).toBeUndefined();
  expect(answer.data!.checkout.status).toBe('PLACED');
  return answer.data!.checkout;
}

describe('guests follow their orders', () => {
  // Before any worker runs, so nothing is packed yet.
  it("and cancel them with the same token; without it, or with another order's, nothing changes", async () => {
    const mine = await guestCheckout('canceller@example.com', 'guest-cancel-1');
    const theirs = await guestCheckout('bystander@example.com', 'guest-cancel-2');
    const CANCEL =
      'mutation ($id: ID!, $token: String) { cancelOrder(id: $id, accessToken: $token) { status payment { refunded { cents } captured { cents } } } }';
    for (const token of [theirs.orderAccessToken, null]) {
      const refused = await shop.t.execute(CANCEL, { id: mine.order.id, token });
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await shop.t.execute<{ order: { status: string } }>(ORDER, { id: mine.order.id, token: mine.orderAccessToken })).data!.order.status).toBe('PLACED');
    for (let attempt = 0; attempt < 2; attempt++) {
      const cancelled = await shop.t.execute<{ cancelOrder: { status: string; payment: { refunded: { cents: number }; captured: { cents: number } } } }>(
        CANCEL,
        { id: mine.order.id, token: mine.orderAccessToken },
      );
      expect(cancelled.errors).toBeUndefined();
      expect(cancelled.data!.cancelOrder.status).toBe('CANCELLED');
      expect(cancelled.data!.cancelOrder.payment.refunded.cents).toBe(cancelled.data!.cancelOrder.payment.captured.cents);
    }
    expect((await shop.t.execute<{ order: { status: string } }>(ORDER, { id: theirs.order.id, token: theirs.orderAccessToken })).data!.order.status).toBe(
      'PLACED',
    );
  });

  it(
    "by the access token checkout returned (query and subscription); another guest's token reads nothing; signing up with the e-mail adopts the order",
    { timeout: 30_000 },
    async () => {
      const mine = await guestCheckout('Guest.One@Example.com', 'guest-1');
      const theirs = await guestCheckout('guest.two@example.com', 'guest-2');
      expect(mine.orderAccessToken).toMatch(/^[\w-]{40,}$/);
      expect(mine.orderAccessToken).not.toBe(theirs.orderAccessToken);

      const followed = await shop.t.execute<{ order: { number: string; status: string } }>(ORDER, { id: mine.order.id, token: mine.orderAccessToken });
      expect(followed.errors).toBeUndefined();
      expect(followed.data!.order).toEqual({ number: mine.order.number, status: 'PLACED' });
      for (const token of [theirs.orderAccessToken, 'not-a-token', null]) {
        const refused = await shop.t.execute<{ order: unknown }>(ORDER, { id: mine.order.id, token });
        expect(refused.data?.order ?? null).toBeNull();
        expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }

      const port = await shop.t.app.http.listen(0, '127.0.0.1');
      const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
      const heard: string[] = [];
      const refusedStream = await new Promise<unknown>((resolve) => {
        client.subscribe(
          {
            query: 'subscription ($id: ID!, $token: String) { orderStatusChanged(orderId: $id, accessToken: $token) { status } }',
            variables: { id: mine.order.id, token: theirs.orderAccessToken },
          },
          {
            next: (message) => resolve(message.errors?.[0]?.extensions?.code ?? message.data),
            error: (error) => resolve(Array.isArray(error) ? error[0]?.extensions?.code : String(error)),
            complete: () => resolve('complete'),
          },
        );
      });
      expect(refusedStream).toBe('UNAUTHENTICATED');
      const unsubscribe = client.subscribe<{ orderStatusChanged: { status: string } }>(
        {
          query: 'subscription ($id: ID!, $token: String) { orderStatusChanged(orderId: $id, accessToken: $token) { status } }',
          variables: { id: mine.order.id, token: mine.orderAccessToken },
        },
        {
          next: (message) => void heard.push(message.data?.orderStatusChanged.status ?? String(message.errors?.[0]?.message)),
          error: () => undefined,
          complete: () => undefined,
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      worker = await startWorker({
        connectionString: shop.t.databaseUrl,
        services: shop.t.app.services,
        logger: createLogger('silent'),
        concurrency: 2,
        refreshConcurrency: 0,
        deadAfterSeconds: 120,
      });
      await eventually(() => heard.includes('DELIVERED'));
      expect(heard).toEqual(['PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED']);
      unsubscribe();
      await client.dispose();

      const token = await shop.shopper('guest.one@example.com');
      const orders = await shop.t.execute<{ viewer: { orders: { totalCount: number; edges: { node: { number: string } }[] } } }>(
        '{ viewer { orders(first: 5) { totalCount edges { node { number } } } } }',
        {},
        token,
      );
      expect(orders.data!.viewer.orders).toEqual({ totalCount: 1, edges: [{ node: { number: mine.order.number } }] });
    },
  );
});
