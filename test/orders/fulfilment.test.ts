import { spawn } from 'node:child_process';
import { createClient } from 'graphql-ws';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../../src/lib/logger.js';
import { startWorker, type WorkerHandle } from '../../src/worker.js';
import { createBook } from '../factories/catalog.js';
import { checkout } from '../helpers/checkout.js';
import { eventually } from '../helpers/receivers.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { enqueue } from '../../src/jobs/kit.js';
import { advanceShipmentTask } from '../../src/jobs/orders/advance-shipment.js';

// Steps are due at once (FULFILMENT_STEP_SECONDS=0); each test starts the worker it needs.
let shop: Shop;
let worker: WorkerHandle | null = null;

beforeAll(async () => {
  shop = await openShop({ seed: 109, stores: 1, runWorker: false, orderStepMs: 300, environment: { FULFILMENT_STEP_SECONDS: '0' } });
});
afterAll(async () => {
  await worker?.stop();
  await shop.close();
});

let port: Promise<number> | undefined;
const listening = () => (port ??= shop.t.app.http.listen(0, '127.0.0.1'));

async function runWorker(): Promise<void> {
  worker ??= await startWorker({
    connectionString: shop.t.databaseUrl,
    services: shop.t.app.services,
    logger: createLogger('silent'),
    concurrency: 4,
    refreshConcurrency: 0,
    deadAfterSeconds: 120,
  });
}

async function stopWorker(): Promise<void> {
  await worker?.stop();
  worker = null;
}

/** A signed-in shopper's order of one first-party book; returns the order id and the shopper's token. */
async function placeOrder(title: string, email: string) {
  const book = await createBook(shop.t.app.db, { title, priceCents: 1_200, stock: { onHand: 4 } });
  const token = await shop.shopper(email);
  const added = await shop.t.execute('mutation ($isbn: String!) { addToCart(input: { isbn: $isbn, quantity: 2 }) { version } }', { isbn: book.isbn13 }, token);
  expect(added.errors).toBeUndefined();
  const placed = await checkout(shop, { idempotencyKey: `order-${email}` }, token);
  expect(placed.data!.checkout.status).toBe('PLACED');
  const order = await shop.t.app.db.selectFrom('orders').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
  return { orderId: order.id, globalId: placed.data!.checkout.order!.id, token, book };
}

async function orderSteps(orderId: number): Promise<string[]> {
  const events = await shop.t.app.db
    .selectFrom('orderEvents')
    .select('status')
    .where('orderId', '=', orderId)
    .where('shipmentId', 'is', null)
    .orderBy('id')
    .execute();
  return events.map((event) => event.status);
}

const statusOf = async (orderId: number) =>
  (await shop.t.app.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()).status;

describe('fulfilment', () => {
  it('moves an order through every state once, tells its subscriber, and lists it in viewer.orders', { timeout: 30_000 }, async () => {
    const { orderId, globalId, token } = await placeOrder('Delivered Soon', 'delivered@example.com');
    const heard: string[] = [];
    const stream = shop.t.app.services.events.subscribe('orderStatusChanged', String(orderId));
    void (async () => {
      for await (const change of stream) heard.push(change.status);
    })();
    // A shopper's GraphQL subscription over WebSocket: each event reads the order as it is now.
    const ws = createClient({
      url: `ws://127.0.0.1:${await listening()}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const seen: string[] = [];
    const unsubscribe = ws.subscribe<{ orderStatusChanged: { status: string } }>(
      { query: 'subscription ($id: ID!) { orderStatusChanged(orderId: $id) { status } }', variables: { id: globalId } },
      { next: (message) => void seen.push(message.data!.orderStatusChanged.status), error: () => undefined, complete: () => undefined },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await runWorker();
    await eventually(async () => (await statusOf(orderId)) === 'DELIVERED');
    expect(await orderSteps(orderId)).toEqual(['PLACED', 'PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED']);
    const shipmentSteps = await shop.t.app.db
      .selectFrom('orderEvents')
      .select('status')
      .where('orderId', '=', orderId)
      .where('shipmentId', 'is not', null)
      .orderBy('id')
      .execute();
    expect(shipmentSteps.map((event) => event.status)).toEqual(['PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED']);
    await eventually(() => heard.includes('DELIVERED'));
    expect(heard).toEqual(['PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED']);
    await eventually(() => seen.includes('DELIVERED'));
    expect(seen).toEqual(['PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED']);
    unsubscribe();
    await ws.dispose();
    await stream.return?.();
    const listed = await shop.t.execute<{ viewer: { orders: { totalCount: number; edges: { node: { id: string; status: string } }[] } } }>(
      '{ viewer { orders(first: 5) { totalCount edges { node { id status } } } } }',
      {},
      token,
    );
    expect(listed.data!.viewer.orders).toEqual({ totalCount: 1, edges: [{ node: { id: globalId, status: 'DELIVERED' } }] });
    await stopWorker();
  });

  it("a partner shipment follows the partner's own order status, step by step", { timeout: 30_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Sent By A Partner' });
    await shop.priceEverywhere(book.isbn13, 1_500);
    const token = await shop.shopper('partner-order@example.com');
    const added = await shop.t.execute(
      'mutation ($isbn: String!) { addToCart(input: { isbn: $isbn, quantity: 1 }) { version } }',
      { isbn: book.isbn13 },
      token,
    );
    expect(added.errors).toBeUndefined();
    const placed = await checkout(shop, { idempotencyKey: 'partner-order' }, token);
    expect(placed.data!.checkout.status).toBe('PLACED');
    const order = await shop.t.app.db.selectFrom('orders').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await runWorker();
    await eventually(async () => (await statusOf(order.id)) === 'DELIVERED');
    expect(await orderSteps(order.id)).toEqual(['PLACED', 'PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED']);
    const notes = await shop.t.app.db
      .selectFrom('orderEvents')
      .select('note')
      .where('orderId', '=', order.id)
      .where('shipmentId', 'is not', null)
      .orderBy('id')
      .execute();
    expect(notes.every((event) => event.note?.startsWith('partner order '))).toBe(true);
    await stopWorker();
  });

  it('a partner shipment whose order the store has no record of waits for a person: asked again in ten minutes, the store not held against it', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Lost By A Partner' });
    await shop.priceEverywhere(book.isbn13, 1_500);
    const token = await shop.shopper('lost-order@example.com');
    await shop.t.execute('mutation ($isbn: String!) { addToCart(input: { isbn: $isbn, quantity: 1 }) { version } }', { isbn: book.isbn13 }, token);
    expect((await checkout(shop, { idempotencyKey: 'lost-order' }, token)).data!.checkout.status).toBe('PLACED');
    const order = await shop.t.app.db.selectFrom('orders').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const shipment = await shop.t.app.db
      .updateTable('shipments')
      .set({ partnerOrderId: 'no-such-order' })
      .where('orderId', '=', order.id)
      .returning(['id', 'storeId'])
      .executeTakeFirstOrThrow();
    for (let poll = 0; poll < 6; poll++) expect(await shop.t.app.services.fulfilment.advance(shipment.id, 'PLACED', poll % 2)).toBe('WAITING');
    const { nextStepAt } = await shop.t.app.db.selectFrom('shipments').select('nextStepAt').where('id', '=', shipment.id).executeTakeFirstOrThrow();
    expect(nextStepAt!.getTime() - Date.now()).toBeGreaterThan(590_000);
    const [store] = await shop.t.app.services.stores.storesByIds([shipment.storeId!]);
    expect(shop.t.app.services.stores.health(store!)).toMatchObject({ circuit: 'CLOSED', successRate: 1 });
  });

  it(
    'a worker killed in the middle of a step: the step is not half-done, and another worker resumes without skipping or repeating a state',
    { timeout: 60_000 },
    async () => {
      const { orderId } = await placeOrder('Interrupted Delivery', 'interrupted@example.com');
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/fulfil-and-die.ts', shop.t.databaseUrl], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const signal = await new Promise((resolve) => child.on('exit', (_code, killedBy) => resolve(killedBy)));
      expect(signal).toBe('SIGKILL');
      expect(await statusOf(orderId)).toBe('PLACED'); // the step it died in was rolled back
      expect(await orderSteps(orderId)).toEqual(['PLACED']);

      // The dead worker's job stays locked; the resume sweep (a cron job) queues the overdue step again.
      await runWorker();
      expect(await shop.t.app.services.fulfilment.resume(0)).toBeGreaterThanOrEqual(1);
      await eventually(async () => (await statusOf(orderId)) === 'DELIVERED');
      expect(await orderSteps(orderId)).toEqual(['PLACED', 'PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED']);
      // The old job, if it ever runs, finds its step done and does nothing.
      const shipment = await shop.t.app.db.selectFrom('shipments').select('id').where('orderId', '=', orderId).executeTakeFirstOrThrow();
      expect(await shop.t.app.services.fulfilment.advance(shipment.id, 'PLACED')).toBe('NOTHING');
      expect(await orderSteps(orderId)).toHaveLength(5);
      await stopWorker();
    },
  );

  it(
    'a stale step job (the resume sweep queuing a status read just before it moved) does nothing twice and does not stall the shipment',
    { timeout: 30_000 },
    async () => {
      const { orderId } = await placeOrder('Crossed Wires', 'crossed@example.com');
      await shop.t.app.services.fulfilment.start(orderId);
      const shipment = await shop.t.app.db.selectFrom('shipments').select('id').where('orderId', '=', orderId).executeTakeFirstOrThrow();
      expect(await shop.t.app.services.fulfilment.advance(shipment.id, 'PLACED')).toBe('ADVANCED'); // queues the PROCESSING step
      await enqueue(shop.t.app.db, advanceShipmentTask, { shipmentId: shipment.id, from: 'PLACED' }, { jobKey: `advance_shipment:${shipment.id}:PLACED:0` });
      await runWorker();
      await eventually(async () => (await statusOf(orderId)) === 'DELIVERED');
      expect(await orderSteps(orderId)).toEqual(['PLACED', 'PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED']);
      await stopWorker();
    },
  );

  it('cancelling before packing returns the stock, refunds the payment and is idempotent; after packing it is refused; others cannot cancel', async () => {
    const { orderId, globalId, token, book } = await placeOrder('Changed My Mind', 'changed@example.com');
    const other = await shop.shopper('not-mine@example.com');
    const cancel = (as: string) =>
      shop.t.execute<{ cancelOrder: { status: string } }>('mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: globalId }, as);
    expect((await cancel(other)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await cancel(token)).data!.cancelOrder.status).toBe('CANCELLED');
    expect((await cancel(token)).data!.cancelOrder.status).toBe('CANCELLED');
    const stock = await shop.t.app.db.selectFrom('inventory').select(['reserved', 'sold']).where('bookId', '=', book.id).executeTakeFirstOrThrow();
    expect(stock).toEqual({ reserved: 0, sold: 0 });
    const payments = await shop.t.app.db.selectFrom('payments').select('status').where('orderId', '=', orderId).execute();
    expect(payments).toEqual([{ status: 'REFUNDED' }]);
    expect(await orderSteps(orderId)).toEqual(['PLACED', 'CANCELLED']);

    const packed = await placeOrder('Already Packed', 'packed@example.com');
    await sql`UPDATE shipments SET status = 'PACKED' WHERE order_id = ${packed.orderId}`.execute(shop.t.app.db);
    const refused = await shop.t.execute('mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: packed.globalId }, packed.token);
    expect(refused.errors?.[0]?.message).toContain('packed');
  });
});
