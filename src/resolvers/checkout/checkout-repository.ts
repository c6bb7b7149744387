import { type Kysely, type Selectable, sql } from 'kysely';
import type { CheckoutStatus, CheckoutsTable, Database, PlannedPartnerOrder, Transaction } from '../../db/database.js';
import type { Address } from '../../lib/address.js';
import type { Hold } from '../inventory/inventory-repository.js';
import { createOrder } from '../../orders/create-order.js';
import { SETTLING } from '../settling.js';

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

export function insertCheckout(trx: Transaction, checkout: { cartId: number; userId: number | null; idempotencyKey: string; shippingAddress: Address }) {
  return trx
    .insertInto('checkouts')
    .values({ ...checkout, shippingAddress: JSON.stringify(checkout.shippingAddress) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findCheckout(db: Kysely<Database>, id: number) {
  return db.selectFrom('checkouts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Renewed at every step, longer than any step can take; an interrupted checkout is settled once it runs out. */
export const CHECKOUT_LEASE_SECONDS = 60;

/** Progress is written as it happens (outside any transaction), so an interrupted checkout can be settled. */
export async function setStep(
  db: Kysely<Database>, id: number, step: string, extra: { totalCents?: number; paymentReference?: string; partnerOrders?: PlannedPartnerOrder[] } = {},
): Promise<void> {
  const { partnerOrders, ...rest } = extra;
  await db
    .updateTable('checkouts')
    .set({ step, ...rest, ...(partnerOrders ? { partnerOrders: JSON.stringify(partnerOrders) } : {}), leaseUntil: sql<Date>`now() + ${CHECKOUT_LEASE_SECONDS} * interval '1 second'` })
    .where('id', '=', id)
    .where('status', '=', 'IN_PROGRESS')
    .where('step', '<>', SETTLING)
    .execute();
}

/**
 * Takes over running checkouts whose process stopped renewing their lease (or, with `id`, that one
 * checkout whatever its lease, unless a settler has it: its own saga gave up on it), so exactly one
 * settler handles each.
 */
export async function claimUnsettledCheckouts(db: Kysely<Database>, options: { limit: number } | { id: number }): Promise<CheckoutRow[]> {
  const which = 'id' in options
    ? sql`SELECT id FROM checkouts WHERE id = ${options.id} AND status = 'IN_PROGRESS' AND step <> ${SETTLING} FOR UPDATE SKIP LOCKED`
    : sql`SELECT id FROM checkouts WHERE status = 'IN_PROGRESS' AND lease_until < now() ORDER BY lease_until LIMIT ${options.limit} FOR UPDATE SKIP LOCKED`;
  const { rows } = await sql<CheckoutRow>`
    UPDATE checkouts SET step = ${SETTLING}, lease_until = now() + interval '5 minutes' WHERE id IN (${which}) RETURNING *`.execute(db);
  return rows;
}

/** Whether the checkout's saga may still record its order: nobody has begun settling it (locks the row). */
export async function stillOurs(trx: Transaction, id: number): Promise<boolean> {
  const row = await trx.selectFrom('checkouts').select(['status', 'step']).where('id', '=', id).forUpdate().executeTakeFirst();
  return row?.status === 'IN_PROGRESS' && row.step !== SETTLING;
}

export async function finishCheckout(
  db: Kysely<Database> | Transaction,
  id: number,
  status: Exclude<CheckoutStatus, 'IN_PROGRESS'>,
  outcome: { reason?: string | null; problems?: CartProblem[]; orderId?: number; settling?: boolean } = {},
): Promise<void> {
  await db
    .updateTable('checkouts')
    .set({ status, step: 'DONE', reason: outcome.reason ?? null, problems: JSON.stringify(outcome.problems ?? []), orderId: outcome.orderId ?? null, finishedAt: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'IN_PROGRESS')
    .$if(!outcome.settling, (query) => query.where('step', '<>', SETTLING))
    .execute();
}

/** The cart shows the price checkout found, so the shopper sees what changed before trying again. */
export async function refreshSnapshots(db: Kysely<Database>, cartId: number, problems: CartProblem[]): Promise<void> {
  for (const problem of problems.filter((p) => p.kind === 'PRICE_CHANGED' && p.newPriceCents !== undefined)) {
    await db.updateTable('cartItems').set({ unitPriceCents: problem.newPriceCents! })
      .where('cartId', '=', cartId).where('bookId', '=', problem.bookId).where('storeId', '=', problem.storeId).execute();
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
    userId: checkout.userId, shippingAddress: checkout.shippingAddress, paymentReference: order.paymentReference, note: 'checked out',
    shipments: [
      ...warehouses.map((warehouseId) => ({
        from: { warehouseId }, shippingCents: 0,
        lines: order.holds.filter((hold) => hold.warehouseId === warehouseId).map((hold) => ({ bookId: hold.bookId, quantity: hold.quantity, unitPriceCents: priceOf.get(hold.bookId)! })),
      })),
      ...order.partner.map((line) => ({
        from: { storeId: line.storeId, partnerOrderId: line.partnerOrderId, partnerReference: line.reference }, shippingCents: line.shippingCents,
        lines: [{ bookId: line.bookId, quantity: line.quantity, unitPriceCents: line.unitPriceCents }],
      })),
    ],
  });
  await trx.updateTable('carts').set({ status: 'CHECKED_OUT' }).where('id', '=', checkout.cartId).execute();
  await finishCheckout(trx, checkout.id, 'PLACED', { orderId });
  return orderId;
}
