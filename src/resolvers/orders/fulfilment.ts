import type { PubSub } from 'graphql-yoga';
import { type Kysely, sql } from 'kysely';
import type { Database, OrderStatus, Transaction } from '../../db/database.js';
import { DomainError } from '../../lib/errors.js';
import type { FolioEvents } from '../../lib/events.js';
import type { PartnerOrder } from '../../partners/adapter.js';
import type { PartnerNetwork } from '../../partners/network.js';
import type { PaymentRecords } from '../../payments/payment-records.js';
import type { StoreService } from '../stores/store-service.js';
import { cancelPartnerOrder, partnerOrderNow } from './partner-orders.js';
import { enqueue } from '../../jobs/kit.js';
import { advanceShipmentTask } from '../../jobs/orders/advance-shipment.js';
import { startFulfilmentTask } from '../../jobs/orders/start-fulfilment.js';

/** The way every shipment goes; an order is as far along as its least advanced live shipment. */
const FLOW: OrderStatus[] = ['PLACED', 'PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED'];
/** Cancelling is possible until a shipment is packed. */
const CANCELLABLE: OrderStatus[] = ['PLACED', 'PROCESSING'];
/** A partner's order is asked about at most this often, whatever the step interval (each poll spends its budget). */
const MIN_POLL_SECONDS = 1;
/** A store that says it has no such order is asked again this rarely: a person has to look, and polls spend its budget. */
const LOST_ORDER_POLL_SECONDS = 600;
const SHIPMENT_STEP_PRIORITY = 1;
/** A step this long overdue lost its job (a worker killed mid-step): the resume sweep queues it again. */
const OVERDUE_SECONDS = 120;

function nextStatus(status: OrderStatus): OrderStatus | null {
  const index = FLOW.indexOf(status);
  return index >= 0 && index < FLOW.length - 1 ? FLOW[index + 1]! : null;
}

/** How far a partner's own order status has got, on Folio's scale (partners have no PACKED: shipped implies it). */
function partnerProgress(order: PartnerOrder): number {
  return order.status === 'CANCELLED' ? -1 : FLOW.indexOf(order.status);
}

/** Queued in the transaction that records an order: the worker then schedules each shipment's steps. */
export async function queueFulfilment(trx: Transaction, orderId: number): Promise<void> {
  await enqueue(trx, startFulfilmentTask, { orderId }, { jobKey: `start_fulfilment:${orderId}` });
}

/**
 * Each step of a shipment has a job key of its own, and a partner poll alternates between two, so a job
 * never re-queues under its own key: were its lock taken away while it ran (a worker wrongly given up
 * for dead), graphile-worker would update it in place and then delete it as done, and the chain would end.
 */
async function queueStep(db: Kysely<Database> | Transaction, shipmentId: number, from: OrderStatus, runAt: string, poll = 0): Promise<void> {
  // Behind the other jobs of its runner (priority 1, they have 0): steps take minutes anyway, and a backlog of
  // partner polls waiting on store budgets must not hold up the refresh schedule, alerts or reconciliation.
  await enqueue(db, advanceShipmentTask, { shipmentId, from, poll: poll === 1 ? 1 : 0 }, { runAt: new Date(runAt), jobKey: `advance_shipment:${shipmentId}:${from}:${poll}`, priority: SHIPMENT_STEP_PRIORITY });
}

export type FulfilmentHook = (moment: 'TRANSITION_WRITTEN', shipmentId: number) => void | Promise<void>;

/**
 * Order fulfilment as graphile-worker jobs: each shipment moves PLACED → PROCESSING → PACKED → SHIPPED →
 * DELIVERED one step per job (first-party: after FULFILMENT_STEP_SECONDS; partner: as the partner's own
 * order status shows, polled). A step is one transaction — the shipment's conditional update, its
 * event, the order's status and event, and the next step's job — so a worker killed mid-step leaves
 * either the step done and the next queued, or nothing done: it resumes without skipping or repeating.
 */
export function createFulfilment(deps: {
  db: Kysely<Database>;
  network: PartnerNetwork;
  stores: StoreService;
  records: PaymentRecords;
  events: PubSub<FolioEvents>;
  stepSeconds: number;
  onStep?: FulfilmentHook;
}) {
  const { db, network, stores, records, events, stepSeconds } = deps;
  const later = (seconds = stepSeconds) => new Date(Date.now() + seconds * 1000).toISOString();

  function announce(orderId: number, status: string): void {
    events.publish('orderStatusChanged', String(orderId), { orderId, status, at: new Date().toISOString() });
  }

  /** The order's status from its shipments' (CANCELLED when all are); writes it and its event when it moved. */
  async function settleOrderStatus(trx: Transaction, orderId: number): Promise<OrderStatus | null> {
    const order = await trx.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow();
    const shipments = await trx.selectFrom('shipments').select('status').where('orderId', '=', orderId).execute();
    const live = shipments.filter((s) => s.status !== 'CANCELLED');
    const status = live.length === 0 ? 'CANCELLED' : FLOW[Math.min(...live.map((s) => FLOW.indexOf(s.status)))]!;
    if (status === order.status) return null;
    await trx.updateTable('orders').set({ status, updatedAt: new Date() }).where('id', '=', orderId).execute();
    await trx.insertInto('orderEvents').values({ orderId, shipmentId: null, status, note: null }).execute();
    return status;
  }

  /** Refunds what is still captured for these cancelled orders (a refund is idempotent by its key). */
  async function refundCancelled(orderIds: number[]): Promise<void> {
    if (orderIds.length === 0) return;
    const captured = await db.selectFrom('payments').select('providerReference').where('orderId', 'in', orderIds).where('status', '=', 'CAPTURED').execute();
    for (const payment of captured) await records.refund(payment.providerReference);
  }

  /** Where a partner shipment's order is now (null: the partner did not answer; try at the next poll). */
  async function partnerOrder(storeId: number, partnerOrderId: string): Promise<PartnerOrder | null | 'NOT_FOUND'> {
    const [store] = await stores.storesByIds([storeId]);
    return store ? partnerOrderNow(network, store, partnerOrderId) : null;
  }

  return {
    /** First job of a new order: every shipment's first step is scheduled. */
    async start(orderId: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const shipments = await trx.updateTable('shipments').set({ nextStepAt: later() })
          .where('orderId', '=', orderId).where('status', '=', 'PLACED').where('nextStepAt', 'is', null).returning('id').execute();
        for (const shipment of shipments) await queueStep(trx, shipment.id, 'PLACED', later());
      });
    },

    /** One step of one shipment, if it is still where the job expects it (a repeated job does nothing). */
    async advance(shipmentId: number, from: OrderStatus, poll = 0): Promise<'ADVANCED' | 'WAITING' | 'NOTHING'> {
      const shipment = await db.selectFrom('shipments').selectAll().where('id', '=', shipmentId).executeTakeFirst();
      if (!shipment) return 'NOTHING';
      if (shipment.status !== from) {
        // A stale job: a repeat, or one the resume sweep queued from a status read just before it moved, which
        // took the job key of the shipment's real next step. The shipment's own next step stays queued.
        if (shipment.nextStepAt && nextStatus(shipment.status)) await queueStep(db, shipmentId, shipment.status, shipment.nextStepAt.toISOString());
        return 'NOTHING';
      }
      let note = 'warehouse';
      if (shipment.storeId !== null && shipment.partnerOrderId !== null) {
        const remote = await partnerOrder(shipment.storeId, shipment.partnerOrderId);
        if (!remote || remote === 'NOT_FOUND' || partnerProgress(remote) <= FLOW.indexOf(from)) {
          // Not there yet (or a partner cancellation, or an order the store has lost, left for a person to look at): poll again later.
          const pollAt = later(remote === 'NOT_FOUND' ? LOST_ORDER_POLL_SECONDS : Math.max(stepSeconds, MIN_POLL_SECONDS));
          await db.transaction().execute(async (trx) => {
            await trx.updateTable('shipments').set({ nextStepAt: pollAt }).where('id', '=', shipmentId).where('status', '=', from).execute();
            await queueStep(trx, shipmentId, from, pollAt, 1 - poll);
          });
          return 'WAITING';
        }
        note = `partner order ${remote.status.toLowerCase()}`;
      }
      const to = nextStatus(from);
      if (!to) return 'NOTHING';
      const moved = await db.transaction().execute(async (trx) => {
        await sql`SELECT 1 FROM orders WHERE id = ${shipment.orderId} FOR UPDATE`.execute(trx);
        const updated = await trx.updateTable('shipments')
          .set({ status: to, updatedAt: new Date(), nextStepAt: nextStatus(to) ? later() : null })
          .where('id', '=', shipmentId).where('status', '=', from).executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return null;
        await trx.insertInto('orderEvents').values({ orderId: shipment.orderId, shipmentId, status: to, note }).execute();
        await deps.onStep?.('TRANSITION_WRITTEN', shipmentId);
        const orderStatus = await settleOrderStatus(trx, shipment.orderId);
        if (nextStatus(to)) await queueStep(trx, shipmentId, to, later());
        return orderStatus ?? to;
      });
      if (!moved) return 'NOTHING';
      announce(shipment.orderId, moved);
      return 'ADVANCED';
    },

    /** The sweep (a cron job): steps long overdue are queued again; a step already done is a no-op when its old job runs. */
    async resume(overdueSeconds = OVERDUE_SECONDS): Promise<number> {
      const overdue = await db.selectFrom('shipments').select(['id', 'status'])
        .where('nextStepAt', '<', sql<Date>`now() - ${overdueSeconds} * interval '1 second'`).limit(1_000).execute();
      for (const shipment of overdue) await queueStep(db, shipment.id, shipment.status, new Date().toISOString());
      // Cancelled orders whose refund was cut off (the cancel is written first) are refunded now.
      const unrefunded = await db.selectFrom('payments').innerJoin('orders', 'orders.id', 'payments.orderId').select('orders.id')
        .where('orders.status', '=', 'CANCELLED').where('payments.status', '=', 'CAPTURED').limit(1_000).execute();
      await refundCancelled(unrefunded.map((row) => row.id));
      return overdue.length + unrefunded.length;
    },

    /**
     * Cancels an order of this user that nothing of has been packed: partner orders are cancelled at the
     * stores first, then — one transaction — every shipment and the order become CANCELLED with their
     * events and first-party units go back on the shelf; the payment is refunded last. Cancelling a
     * cancelled order only makes sure its refund went through.
     */
    async cancel(userId: number, orderId: number): Promise<void> {
      const order = await db.selectFrom('orders').select(['id', 'userId', 'status']).where('id', '=', orderId).executeTakeFirst();
      if (!order || order.userId !== userId) throw new DomainError('BAD_USER_INPUT', 'You have no order with this id', { field: 'id' });
      // A repeat finishes what an interrupted cancel left: the refund comes after the cancel is written.
      if (order.status === 'CANCELLED') return refundCancelled([orderId]);
      const shipments = await db.selectFrom('shipments').selectAll().where('orderId', '=', orderId).execute();
      if (shipments.some((s) => !CANCELLABLE.includes(s.status) && s.status !== 'CANCELLED')) {
        throw new DomainError('BAD_USER_INPUT', 'Part of this order has been packed already; it can no longer be cancelled', { field: 'id' });
      }
      for (const shipment of shipments.filter((s) => s.storeId !== null && s.partnerReference !== null && s.status !== 'CANCELLED')) {
        const [store] = await stores.storesByIds([shipment.storeId!]);
        if (store) await cancelPartnerOrder(network, store, shipment.partnerReference!);
      }
      const cancelled = await db.transaction().execute(async (trx) => {
        await sql`SELECT 1 FROM orders WHERE id = ${orderId} FOR UPDATE`.execute(trx);
        const live = await trx.selectFrom('shipments').select(['id', 'status', 'warehouseId']).where('orderId', '=', orderId).where('status', '<>', 'CANCELLED').execute();
        if (live.some((s) => !CANCELLABLE.includes(s.status))) throw new DomainError('BAD_USER_INPUT', 'Part of this order was packed meanwhile; it can no longer be cancelled', { field: 'id' });
        for (const shipment of live) {
          await trx.updateTable('shipments').set({ status: 'CANCELLED', nextStepAt: null, updatedAt: new Date() }).where('id', '=', shipment.id).execute();
          await trx.insertInto('orderEvents').values({ orderId, shipmentId: shipment.id, status: 'CANCELLED', note: 'cancelled by the shopper' }).execute();
          if (shipment.warehouseId !== null) await restock(trx, shipment.id, shipment.warehouseId);
        }
        return settleOrderStatus(trx, orderId);
      });
      await refundCancelled([orderId]);
      if (cancelled) announce(orderId, cancelled);
    },
  };
}

/** A cancelled warehouse shipment's units go back on the shelf. */
async function restock(trx: Transaction, shipmentId: number, warehouseId: number): Promise<void> {
  await sql`
    UPDATE inventory i SET sold = i.sold - l.quantity
    FROM (SELECT book_id, sum(quantity)::int AS quantity FROM order_lines WHERE shipment_id = ${shipmentId} GROUP BY book_id) l
    WHERE i.book_id = l.book_id AND i.warehouse_id = ${warehouseId}`.execute(trx);
}

export type Fulfilment = ReturnType<typeof createFulfilment>;
