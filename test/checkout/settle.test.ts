import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { checkout, guestCart } from '../helpers/checkout.js';
import { storeIds } from '../helpers/reports.js';
import { openShop, type Shop } from '../helpers/shop.js';

// A checkout stopped part-way — its process killed, its step failing, or its lease run out while it
// was slow — is undone: partner orders cancelled, payment voided or refunded, stock hold released.
let shop: Shop;
let partnerStore: { slug: string; id: string };
/** Set by a test: runs when an in-process checkout reaches this step. */
let atStep: { step: string; run: () => Promise<void> } | null = null;

beforeAll(async () => {
  shop = await openShop({
    seed: 211,
    stores: 2,
    runWorker: false,
    onCheckoutStep: async (step) => {
      if (atStep?.step === step) await atStep.run();
    },
  });
  const slug = shop.sim.simulator.profiles()[0]!.slug;
  partnerStore = { slug, id: (await storeIds(shop)).get(slug)! };
});
afterAll(() => shop.close());

const db = () => shop.t.app.db;

/** A guest cart with one of Folio's own books and one partner book, and the own book's id. */
async function mixedCart(title: string) {
  const own = await createBook(db(), { title, priceCents: 1_200, stock: { onHand: 2 } });
  const partner = await createBook(db(), { title: `${title} (partner)` });
  await shop.priceEverywhere(partner.isbn13, 1_700);
  const cartToken = await guestCart(shop, [
    { isbn: own.isbn13, quantity: 1 },
    { isbn: partner.isbn13, quantity: 1, storeId: partnerStore.id },
  ]);
  return { cartToken, ownId: own.id };
}

async function checkoutKilledAt(step: string, key: string) {
  const { cartToken, ownId } = await mixedCart(`Killed at ${step}`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/checkout-and-die.ts', shop.t.databaseUrl, cartToken, step, key], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const signal = await new Promise((resolve) => child.on('exit', (_code, killedBy) => resolve(killedBy)));
  expect(signal).toBe('SIGKILL');
  const row = await db().selectFrom('checkouts').selectAll().where('idempotencyKey', '=', key).executeTakeFirstOrThrow();
  return { cartToken, ownId, checkoutId: row.id };
}

/** What the outside world and the stock hold for a checkout: its payment, its partner order, the own book's reservation. */
async function outsideState(checkoutId: number, ownId: number) {
  const payment = await db()
    .selectFrom('testPaymentLedger')
    .select('status')
    .where('idempotencyKey', '=', `checkout-${checkoutId}-authorize`)
    .executeTakeFirst();
  const response = await fetch(`${shop.sim.url}/stores/${partnerStore.slug}/orders?reference=folio-checkout-${checkoutId}-1`);
  const partner = response.ok ? ((await response.json()) as { status: string }).status : null;
  const stock = await db().selectFrom('inventory').select(['reserved', 'sold']).where('bookId', '=', ownId).executeTakeFirstOrThrow();
  return { payment: payment?.status ?? null, partner, stock };
}

async function settleNow(checkoutId: number) {
  // The dead process's lease would run out within a minute; the test does not wait for it.
  await db()
    .updateTable('checkouts')
    .set({ leaseUntil: new Date(Date.now() - 1_000) })
    .where('id', '=', checkoutId)
    .execute();
  return shop.t.app.services.reconcileCheckouts();
}

const finished = (checkoutId: number) =>
  db().selectFrom('checkouts').select(['status', 'step', 'reason']).where('id', '=', checkoutId).executeTakeFirstOrThrow();

describe('a checkout killed part-way is settled by one reconciliation run', () => {
  it('killed after authorising, before ordering: the authorisation is voided and the stock released', { timeout: 30_000 }, async () => {
    const { checkoutId, ownId } = await checkoutKilledAt('ORDERING', 'killed-ordering');
    expect(await outsideState(checkoutId, ownId)).toEqual({ payment: 'AUTHORIZED', partner: null, stock: { reserved: 1, sold: 0 } });
    expect(await settleNow(checkoutId)).toEqual({ RELEASED: 1, NOTHING_TO_DO: 0 });
    expect(await outsideState(checkoutId, ownId)).toEqual({ payment: 'VOIDED', partner: null, stock: { reserved: 0, sold: 0 } });
    expect(await finished(checkoutId)).toMatchObject({ status: 'FAILED', step: 'DONE' });
  });

  it('killed after the partner order, before capture: the partner order is cancelled', { timeout: 30_000 }, async () => {
    const { checkoutId, ownId } = await checkoutKilledAt('CAPTURING', 'killed-capturing');
    expect(await outsideState(checkoutId, ownId)).toEqual({ payment: 'AUTHORIZED', partner: 'PLACED', stock: { reserved: 1, sold: 0 } });
    await settleNow(checkoutId);
    expect(await outsideState(checkoutId, ownId)).toEqual({ payment: 'VOIDED', partner: 'CANCELLED', stock: { reserved: 0, sold: 0 } });
  });

  it('killed after capture, before the order was recorded: refunded, and a repeat of the request learns the outcome at once', { timeout: 30_000 }, async () => {
    const { checkoutId, ownId, cartToken } = await checkoutKilledAt('RECORDING', 'killed-recording');
    expect(await outsideState(checkoutId, ownId)).toEqual({ payment: 'CAPTURED', partner: 'PLACED', stock: { reserved: 1, sold: 0 } });
    await settleNow(checkoutId);
    expect(await outsideState(checkoutId, ownId)).toEqual({ payment: 'REFUNDED', partner: 'CANCELLED', stock: { reserved: 0, sold: 0 } });
    const payments = await db().selectFrom('payments').select(['status', 'orderId']).where('checkoutId', '=', checkoutId).execute();
    expect(payments).toEqual([{ status: 'REFUNDED', orderId: null }]);
    const startedAt = Date.now();
    const repeat = await checkout(shop, { cartToken, idempotencyKey: 'killed-recording' });
    expect(repeat.data!.checkout).toMatchObject({ status: 'FAILED', order: null });
    expect(repeat.data!.checkout.reason).toMatch(/interrupted.*nothing was charged/);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    // The cart is still there to check out again.
    const again = await checkout(shop, { cartToken, idempotencyKey: 'after-the-crash' });
    expect(again.data!.checkout.status).toBe('PLACED');
  });
});

describe('a checkout whose step fails unexpectedly', () => {
  it('is undone at once: the shopper gets an error, nothing stays charged, held or ordered', { timeout: 30_000 }, async () => {
    const { cartToken, ownId } = await mixedCart('Failing Step');
    atStep = {
      step: 'CAPTURING',
      run: async () => {
        throw new Error('the lights went out');
      },
    };
    const answer = await checkout(shop, { cartToken, idempotencyKey: 'failing-step' }).finally(() => {
      atStep = null;
    });
    expect(answer.errors?.[0]?.extensions?.code).toBe('INTERNAL');
    const row = await db().selectFrom('checkouts').selectAll().where('idempotencyKey', '=', 'failing-step').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'FAILED', step: 'DONE' });
    expect(await outsideState(row.id, ownId)).toEqual({ payment: 'VOIDED', partner: 'CANCELLED', stock: { reserved: 0, sold: 0 } });
  });
});

describe('a checkout slower than its lease', () => {
  it('records no order once a settler has taken it over: the capture is refunded instead', { timeout: 30_000 }, async () => {
    const { cartToken, ownId } = await mixedCart('Slow Saga');
    const ordersBefore = await db().selectFrom('orders').select('id').execute();
    let checkoutId = 0;
    atStep = {
      step: 'RECORDING',
      run: async () => {
        const row = await db().selectFrom('checkouts').select('id').where('idempotencyKey', '=', 'slow-saga').executeTakeFirstOrThrow();
        checkoutId = row.id;
        expect(await settleNow(row.id)).toEqual({ RELEASED: 1, NOTHING_TO_DO: 0 });
      },
    };
    const answer = await checkout(shop, { cartToken, idempotencyKey: 'slow-saga' }).finally(() => {
      atStep = null;
    });
    expect(answer.data?.checkout.order ?? null).toBeNull();
    expect(await outsideState(checkoutId, ownId)).toEqual({ payment: 'REFUNDED', partner: 'CANCELLED', stock: { reserved: 0, sold: 0 } });
    expect(await db().selectFrom('orders').select('id').execute()).toEqual(ordersBefore);
    expect(await finished(checkoutId)).toMatchObject({ status: 'FAILED', step: 'DONE' });
  });
});
