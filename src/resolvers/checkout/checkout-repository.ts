import { type Kysely, type Selectable, sql } from 'kysely';
import type { CheckoutStatus, CheckoutsTable, Database, PlannedPartnerOrder, Transaction } from '../../db/database.js';
import type { Address } from '../../lib/address.js';
import type { Hold } from '../inventory/inventory-repository.js';
import { createOrder, type ShipmentDelivery } from '../../orders/create-order.js';
import { type SagaKind, SETTLING } from '../../orders/saga.js';

export type CheckoutRow = Selectable<CheckoutsTable>;

/** A line that stopped the checkout, and why. */
export interface CartProblem {
  bookId: number;
  storeId: number;
  kind: 'OUT_OF_STOCK' | 'PRICE_CHANGED' | 'UNAVAILABLE';
  message: string;
  availableQuantity?: number;
  oldPriceCents?: number;
  newPriceCents?: number;
}

/**
 * A new checkout of a cart (locked by the caller), unless one of it is still running: then undefined.
 * One statement, since under the cart's lock nothing else can start one meanwhile.
 */
export async function insertCheckout(
  trx: Transaction,
  checkout: { cartId: number; userId: number | null; idempotencyKey: string; shippingAddress: Address; email: string | null },
): Promise<CheckoutRow | undefined> {
  const { cartId, userId, idempotencyKey, shippingAddress, email } = checkout;
  const { rows } = await sql<CheckoutRow>`
    INSERT INTO checkouts (cart_id, user_id, idempotency_key, shipping_address, email)
    SELECT ${cartId}::bigint, ${userId}::bigint, ${idempotencyKey}::text, ${JSON.stringify(shippingAddress)}::jsonb, ${email}::text
    WHERE NOT EXISTS (SELECT 1 FROM checkouts WHERE cart_id = ${cartId} AND status = 'IN_PROGRESS')
    RETURNING *`.execute(trx);
  return rows[0];
}

export function findCheckout(db: Kysely<Database>, id: number) {
  return db.selectFrom('checkouts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Steps a checkout passes through; each is written down before the next starts. */
export type CheckoutStep = 'RESERVING' | 'CONFIRMING' | 'AUTHORIZING' | 'ORDERING' | 'CAPTURING' | 'RECORDING' | 'DONE';

/** Checkouts as sagas: the lease is renewed at every step, longer than any step can take. */
export const CHECKOUT_SAGA: SagaKind<CheckoutStep> = { name: 'checkout', table: 'checkouts', leaseSeconds: 60 };

/** What a checkout learns on its way that a settler needs: the total, the payment, the partner orders it is about to place. */
export interface CheckoutProgress {
  totalCents?: number;
  paymentReference?: string;
  partnerOrders?: PlannedPartnerOrder[];
}

/** The progress as the columns enterStep writes. */
export function progressColumns({ partnerOrders, ...rest }: CheckoutProgress): Record<string, unknown> {
  return { ...rest, ...(partnerOrders ? { partnerOrders: JSON.stringify(partnerOrders) } : {}) };
}

export async function finishCheckout(
  db: Kysely<Database> | Transaction,
  id: number,
  status: Exclude<CheckoutStatus, 'IN_PROGRESS'>,
  outcome: { reason?: string | null; problems?: CartProblem[]; orderId?: number; settling?: boolean } = {},
): Promise<void> {
  await db
    .updateTable('checkouts')
    .set({
      status,
      step: 'DONE',
      reason: outcome.reason ?? null,
      problems: JSON.stringify(outcome.problems ?? []),
      orderId: outcome.orderId ?? null,
      finishedAt: new Date(),
    })
    .where('id', '=', id)
    .where('status', '=', 'IN_PROGRESS')
    .$if(!outcome.settling, (query) => query.where('step', '<>', SETTLING))
    .execute();
}

/** The cart shows the price checkout found, so the shopper sees what changed before trying again. */
export async function refreshSnapshots(db: Kysely<Database>, cartId: number, problems: CartProblem[]): Promise<void> {
  for (const problem of problems.filter((p) => p.kind === 'PRICE_CHANGED' && p.newPriceCents !== undefined)) {
    await db
      .updateTable('cartItems')
      .set({ unitPriceCents: problem.newPriceCents! })
      .where('cartId', '=', cartId)
      .where('bookId', '=', problem.bookId)
      .where('storeId', '=', problem.storeId)
      .execute();
  }
  await sql`UPDATE carts SET version = version + 1, updated_at = now() WHERE id = ${cartId}`.execute(db);
}

export interface PartnerLine {
  bookId: number;
  storeId: number;
  quantity: number;
  unitPriceCents: number;
  shippingCents: number;
  partnerOrderId: string;
  reference: string;
  delivery: ShipmentDelivery;
}

export interface OwnLine {
  bookId: number;
  unitPriceCents: number;
}

/**
 * The order with a shipment per warehouse (first-party holds) and per partner order, its lines, its
 * first events, the payment's capture, the cart checked out and the checkout's outcome: one transaction.
 */
export async function recordCheckoutOrder(
  trx: Transaction,
  order: { checkout: CheckoutRow; paymentReference: string; holds: Hold[]; own: OwnLine[]; partner: PartnerLine[] },
): Promise<number> {
  const { checkout } = order;
  const priceOf = new Map(order.own.map((line) => [line.bookId, line.unitPriceCents]));
  const warehouses = [...new Set(order.holds.map((hold) => hold.warehouseId))];
  const orderId = await createOrder(trx, {
    userId: checkout.userId,
    email: checkout.email,
    shippingAddress: checkout.shippingAddress,
    paymentReference: order.paymentReference,
    note: 'checked out',
    shipments: [
      ...warehouses.map((warehouseId) => ({
        from: { warehouseId },
        shippingCents: 0,
        lines: order.holds
          .filter((hold) => hold.warehouseId === warehouseId)
          .map((hold) => ({ bookId: hold.bookId, quantity: hold.quantity, unitPriceCents: priceOf.get(hold.bookId)! })),
      })),
      ...order.partner.map((line) => ({
        from: { storeId: line.storeId, partnerOrderId: line.partnerOrderId, partnerReference: line.reference, delivery: line.delivery },
        shippingCents: line.shippingCents,
        lines: [{ bookId: line.bookId, quantity: line.quantity, unitPriceCents: line.unitPriceCents }],
      })),
    ],
  });
  await trx.updateTable('carts').set({ status: 'CHECKED_OUT' }).where('id', '=', checkout.cartId).execute();
  await finishCheckout(trx, checkout.id, 'PLACED', { orderId });
  return orderId;
}
