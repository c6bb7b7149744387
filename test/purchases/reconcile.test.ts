import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurchaseStep } from '../../src/resolvers/purchases/purchase-service.js';
import type { RunningSimulator } from '../../src/simulator/server.js';
import { ADDRESS } from '../factories/address.js';
import { createBook } from '../factories/catalog.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { setPrice } from '../helpers/simulator.js';
import type { TestApp } from '../helpers/test-app.js';

let shop: Shop;
let t: TestApp;
let sim: RunningSimulator;
let userId: number;

beforeAll(async () => {
  shop = await openShop({ seed: 43, stores: 3 });
  ({ t, sim } = shop);
  await shop.shopper('crash@example.com');
  userId = (await t.app.db.selectFrom('users').select('id').where('email', '=', 'crash@example.com').executeTakeFirstOrThrow()).id;
});
afterAll(() => shop.close());

/** Starts a purchase in another process, which kills itself with SIGKILL as it reaches `step`. */
async function purchaseKilledAt(step: PurchaseStep) {
  const book = await createBook(t.app.db, { title: `Crash at ${step}` });
  for (const [index, profile] of sim.simulator.profiles().entries()) await setPrice(sim, profile.slug, book.isbn13, 1000 + index * 100);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/helpers/purchase-and-die.ts', t.databaseUrl, String(userId), book.isbn13, step, `crash-${step}`],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const signal = await new Promise((resolve) => child.on('exit', (_code, killedBy) => resolve(killedBy)));
  expect(signal).toBe('SIGKILL');
  return t.app.db.selectFrom('purchaseRequests').selectAll().where('bookId', '=', book.id).executeTakeFirstOrThrow();
}

/** What the outside world holds for the request: the provider's payment and the partner's order. */
async function outsideState(requestId: number) {
  const payment = await t.app.db
    .selectFrom('testPaymentLedger')
    .select(['status'])
    .where('idempotencyKey', 'like', `purchase-${requestId}-authorize-%`)
    .executeTakeFirst();
  let partner: string | null = null;
  for (const profile of sim.simulator.profiles()) {
    const response = await fetch(`${sim.url}/stores/${profile.slug}/orders?reference=folio-purchase-${requestId}`);
    if (response.ok) partner = ((await response.json()) as { status: string }).status;
  }
  return { payment: payment?.status ?? null, partner };
}

/** No captured payment without an order (or a refund), no order without a captured payment. */
async function invariantsHold() {
  const { rows } = await sql<{ capturedWithoutOrder: number; ordersWithoutPayment: number }>`
    SELECT
      (SELECT count(*)::int FROM test_payment_ledger l WHERE l.status = 'CAPTURED'
         AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.provider_reference = l.reference AND p.order_id IS NOT NULL)) AS "capturedWithoutOrder",
      (SELECT count(*)::int FROM orders o WHERE NOT EXISTS (
         SELECT 1 FROM payments p JOIN test_payment_ledger l ON l.reference = p.provider_reference
         WHERE p.order_id = o.id AND l.status = 'CAPTURED')) AS "ordersWithoutPayment"`.execute(t.app.db);
  expect(rows[0]).toEqual({ capturedWithoutOrder: 0, ordersWithoutPayment: 0 });
}

async function reconcileOnce(requestId: number) {
  // The dead process's lease would run out within a minute; the test does not wait for it.
  await t.app.db
    .updateTable('purchaseRequests')
    .set({ leaseUntil: new Date(Date.now() - 1_000) })
    .where('id', '=', requestId)
    .execute();
  return t.app.services.reconcilePurchases();
}

describe('a purchase killed mid-way is settled by one reconciliation run', () => {
  it('killed before authorising: nothing to undo, the request ends FAILED', async () => {
    const request = await purchaseKilledAt('AUTHORIZING');
    expect(await outsideState(request.id)).toEqual({ payment: null, partner: null });
    await reconcileOnce(request.id);
    const settled = await t.app.db.selectFrom('purchaseRequests').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(settled.status).toBe('FAILED');
    await invariantsHold();
  });

  it('killed after authorising, before ordering: the authorisation is voided', async () => {
    const request = await purchaseKilledAt('ORDERING');
    expect(await outsideState(request.id)).toEqual({ payment: 'AUTHORIZED', partner: null });
    await reconcileOnce(request.id);
    expect(await outsideState(request.id)).toEqual({ payment: 'VOIDED', partner: null });
    await invariantsHold();
  });

  it('killed after the partner order, before capture: the partner order is cancelled and the authorisation voided', async () => {
    const request = await purchaseKilledAt('CAPTURING');
    expect(await outsideState(request.id)).toEqual({ payment: 'AUTHORIZED', partner: 'PLACED' });
    await reconcileOnce(request.id);
    expect(await outsideState(request.id)).toEqual({ payment: 'VOIDED', partner: 'CANCELLED' });
    await invariantsHold();
  });

  it('killed after capture, before the order was recorded: the order is recorded with its payment', async () => {
    const request = await purchaseKilledAt('RECORDING');
    expect(await outsideState(request.id)).toEqual({ payment: 'CAPTURED', partner: 'PLACED' });
    await expect(invariantsHold()).rejects.toThrow(); // captured, no order yet: what reconciliation is for
    const counts = await reconcileOnce(request.id);
    expect(counts.COMPLETED).toBe(1);
    const settled = await t.app.db.selectFrom('purchaseRequests').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(settled.status).toBe('PURCHASED');
    expect(settled.orderId).not.toBeNull();
    await invariantsHold();
    // The settler ships where the shopper asked, as the purchase itself would have.
    const order = await t.app.db.selectFrom('orders').select('shippingAddress').where('id', '=', settled.orderId).executeTakeFirstOrThrow();
    expect(order.shippingAddress).toEqual(ADDRESS);
  });
});

describe('a purchase killed after its partner order, which has shipped before reconciliation', () => {
  it(
    'is completed rather than left hanging: the store will not take the order back, so the authorisation is captured and the order recorded',
    { timeout: 60_000 },
    async () => {
      const quick = await openShop({ seed: 47, stores: 1, orderStepMs: 200 });
      try {
        await quick.shopper('shipped@example.com');
        const user = await quick.t.app.db.selectFrom('users').select('id').where('email', '=', 'shipped@example.com').executeTakeFirstOrThrow();
        const book = await createBook(quick.t.app.db, { title: 'Shipped Before Anyone Noticed' });
        await quick.priceEverywhere(book.isbn13, 1_100);
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'test/helpers/purchase-and-die.ts', quick.t.databaseUrl, String(user.id), book.isbn13, 'CAPTURING', 'shipped-1'],
          {
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        expect(await new Promise((resolve) => child.on('exit', (_code, killedBy) => resolve(killedBy)))).toBe('SIGKILL');
        await new Promise((resolve) => setTimeout(resolve, 600)); // PLACED → PROCESSING → SHIPPED at the store
        const request = await quick.t.app.db.selectFrom('purchaseRequests').selectAll().where('bookId', '=', book.id).executeTakeFirstOrThrow();
        await quick.t.app.db
          .updateTable('purchaseRequests')
          .set({ leaseUntil: new Date(Date.now() - 1_000) })
          .where('id', '=', request.id)
          .execute();
        expect(await quick.t.app.services.reconcilePurchases()).toMatchObject({ COMPLETED: 1 });
        const settled = await quick.t.app.db
          .selectFrom('purchaseRequests')
          .select(['status', 'orderId'])
          .where('id', '=', request.id)
          .executeTakeFirstOrThrow();
        expect(settled.status).toBe('PURCHASED');
        const ledger = await quick.t.app.db
          .selectFrom('testPaymentLedger')
          .select('status')
          .where('idempotencyKey', 'like', `purchase-${request.id}-authorize-%`)
          .execute();
        expect(ledger).toEqual([{ status: 'CAPTURED' }]);
        const payment = await quick.t.app.db
          .selectFrom('payments')
          .select(['status', 'orderId'])
          .where('purchaseRequestId', '=', request.id)
          .executeTakeFirstOrThrow();
        expect(payment).toEqual({ status: 'CAPTURED', orderId: settled.orderId });
      } finally {
        await quick.close();
      }
    },
  );
});

describe('a purchase slower than its lease', () => {
  it('is left to the settler that took it over: one order, one capture, the partner order kept', { timeout: 60_000 }, async () => {
    let settle: (() => Promise<void>) | null = null;
    const slow = await openShop({
      seed: 53,
      stores: 1,
      onPurchaseStep: async (step) => {
        if (step === 'RECORDING') await settle?.();
      },
    });
    try {
      const token = await slow.shopper('slow-saga@example.com');
      const book = await createBook(slow.t.app.db, { title: 'Slower Than Its Lease' });
      await slow.priceEverywhere(book.isbn13, 1_300);
      // As the saga is about to record the order, its lease runs out and the reconciler completes the purchase.
      settle = async () => {
        settle = null;
        await slow.t.app.db
          .updateTable('purchaseRequests')
          .set({ leaseUntil: new Date(Date.now() - 1_000) })
          .where('bookId', '=', book.id)
          .execute();
        expect(await slow.t.app.services.reconcilePurchases()).toMatchObject({ COMPLETED: 1 });
      };
      const answer = await slow.t.execute<{ purchaseBook: { status: string } }>(
        'mutation ($isbn: String!, $address: AddressInput) { purchaseBook(input: { isbn: $isbn, maxPriceCents: 100000, paymentToken: "tok_visa", idempotencyKey: "slow-saga", shippingAddress: $address }) { status } }',
        { isbn: book.isbn13, address: ADDRESS },
        token,
      );
      expect(answer.data!.purchaseBook.status).toBe('PURCHASED');
      const request = await slow.t.app.db.selectFrom('purchaseRequests').selectAll().where('bookId', '=', book.id).executeTakeFirstOrThrow();
      expect(await slow.t.app.db.selectFrom('orders').select('id').execute()).toEqual([{ id: request.orderId }]);
      const ledger = await slow.t.app.db
        .selectFrom('testPaymentLedger')
        .select('status')
        .where('idempotencyKey', 'like', `purchase-${request.id}-authorize-%`)
        .execute();
      expect(ledger).toEqual([{ status: 'CAPTURED' }]);
      const partner = await fetch(`${slow.sim.url}/stores/${slow.sim.simulator.profiles()[0]!.slug}/orders?reference=folio-purchase-${request.id}`);
      expect(((await partner.json()) as { status: string }).status).not.toBe('CANCELLED');
    } finally {
      await slow.close();
    }
  });
});
