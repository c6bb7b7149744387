import { type Kysely, sql } from 'kysely';
import type { Database, OrderStatus, Transaction } from '../db/database.js';
import { enqueue } from '../jobs/kit.js';
import { advanceShipmentTask } from '../jobs/orders/advance-shipment.js';
import { queueOrderMail } from './order-mail.js';

/**
 * Where a shipment may go from each status, and nowhere else: forward one step at a time, or cancelled
 * until it is packed. An order has no moves of its own: it is as far along as its least advanced live
 * shipment, and CANCELLED when every shipment is.
 */
export const SHIPMENT_MOVES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PLACED: ['PROCESSING', 'CANCELLED'],
  PROCESSING: ['PACKED', 'CANCELLED'],
  PACKED: ['SHIPPED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};

/** The way every shipment goes when nothing goes wrong. */
export const FLOW: readonly OrderStatus[] = ['PLACED', 'PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED'];

/** Behind the other jobs of its runner: steps take minutes anyway, and partner polls must not hold up alerts or the refresh schedule. */
const SHIPMENT_STEP_PRIORITY = 1;

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return SHIPMENT_MOVES[from].includes(to);
}

/** The next status on the way, if the shipment has one. */
export function nextStatus(status: OrderStatus): OrderStatus | null {
  return SHIPMENT_MOVES[status].find((to) => to !== 'CANCELLED') ?? null;
}

export function cancellable(status: OrderStatus): boolean {
  return canMove(status, 'CANCELLED');
}

export class IllegalMoveError extends Error {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`A shipment cannot go from ${from} to ${to}`);
  }
}

export interface ShipmentMove {
  shipmentId: number;
  from: OrderStatus;
  to: OrderStatus;
  note: string | null;
  /** When the shipment's next step is due (its job is queued for then); null: no next step yet. */
  nextStepAt?: Date | null;
}

export interface Moved {
  orderId: number;
  /** The order's new status when the move changed it. */
  orderStatus: OrderStatus | null;
}

/**
 * The one way a shipment's status changes, in the caller's transaction: the move is checked against the
 * table, the order is locked, the shipment moves only if it is still where the caller saw it (null
 * otherwise: someone else moved it first), its event and the shopper's e-mail are written, the order's
 * status follows (with its own event when it changed), and the shipment's next step is queued.
 */
export async function moveShipment(trx: Transaction, move: ShipmentMove): Promise<Moved | null> {
  if (!canMove(move.from, move.to)) throw new IllegalMoveError(move.from, move.to);
  const shipment = await trx.selectFrom('shipments').select('orderId').where('id', '=', move.shipmentId).executeTakeFirst();
  if (!shipment) return null;
  await sql`SELECT 1 FROM orders WHERE id = ${shipment.orderId} FOR UPDATE`.execute(trx);
  const nextStepAt = nextStatus(move.to) ? (move.nextStepAt ?? null) : null;
  const updated = await trx
    .updateTable('shipments')
    .set({ status: move.to, updatedAt: new Date(), nextStepAt })
    .where('id', '=', move.shipmentId)
    .where('status', '=', move.from)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return null;
  await trx.insertInto('orderEvents').values({ orderId: shipment.orderId, shipmentId: move.shipmentId, status: move.to, note: move.note }).execute();
  await queueOrderMail(trx, { orderId: shipment.orderId, shipmentId: move.shipmentId, status: move.to });
  if (nextStepAt) await queueStep(trx, move.shipmentId, move.to, nextStepAt);
  return { orderId: shipment.orderId, orderStatus: await followShipments(trx, shipment.orderId) };
}

/**
 * Queues a shipment's step from `from`. Each step has a job key of its own, and a partner poll alternates
 * between two, so a job never re-queues under its own key: were its lock taken away while it ran (a worker
 * wrongly given up for dead), graphile-worker would update it in place and then delete it as done, and the
 * chain would end.
 */
export async function queueStep(db: Kysely<Database>, shipmentId: number, from: OrderStatus, runAt: Date, poll: 0 | 1 = 0): Promise<void> {
  await enqueue(
    db,
    advanceShipmentTask,
    { shipmentId, from, poll },
    { runAt, jobKey: `advance_shipment:${shipmentId}:${from}:${poll}`, priority: SHIPMENT_STEP_PRIORITY },
  );
}

/** The order's status from its shipments'; written with its event when it moved. */
async function followShipments(trx: Transaction, orderId: number): Promise<OrderStatus | null> {
  const order = await trx.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow();
  const shipments = await trx.selectFrom('shipments').select('status').where('orderId', '=', orderId).execute();
  const live = shipments.filter((shipment) => shipment.status !== 'CANCELLED');
  const status = live.length === 0 ? 'CANCELLED' : FLOW[Math.min(...live.map((shipment) => FLOW.indexOf(shipment.status)))]!;
  if (status === order.status) return null;
  await trx.updateTable('orders').set({ status, updatedAt: new Date() }).where('id', '=', orderId).execute();
  await trx.insertInto('orderEvents').values({ orderId, shipmentId: null, status, note: null }).execute();
  return status;
}
