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
import { cancellable, FLOW, moveShipment, nextStatus, queueStep } from '../../orders/order-states.js';

/** A partner's order is asked about at most this often, whatever the step interval (each poll spends its budget). */
const MIN_POLL_SECONDS = 1;
/** A store that says it has no such order is asked again this rarely: a person has to look, and polls spend its budget. */
const LOST_ORDER_POLL_SECONDS = 600;
/** A step this long overdue lost its job (a worker killed mid-step): the resume sweep queues it again. */
const OVERDUE_SECONDS = 120;

/** How far a partner's own order status has got, on Folio's scale (partners have no PACKED: shipped implies it). */
function partnerProgress(order: PartnerOrder): number {
  return order.status === 'CANCELLED' ? -1 : FLOW.indexOf(order.status);
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
  const later = (seconds = stepSeconds) => new Date(Date.now() + seconds * 1000);

  function announce(orderId: number, status: string): void {
    events.publish('orderStatusChanged', String(orderId), { orderId, status, at: new Date().toISOString() });
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
        const shipments = await trx
          .updateTable('shipments')
          .set({ nextStepAt: later() })
          .where('orderId', '=', orderId)
          .where('status', '=', 'PLACED')
          .where('nextStepAt', 'is', null)
          .returning('id')
          .execute();
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
        if (shipment.nextStepAt && nextStatus(shipment.status)) await queueStep(db, shipmentId, shipment.status, shipment.nextStepAt);
        return 'NOTHING';
      }
      let note = 'warehouse';
      let remoteOrder: PartnerOrder | null = null;
      if (shipment.storeId !== null && shipment.partnerOrderId !== null) {
        const remote = await partnerOrder(shipment.storeId, shipment.partnerOrderId);
        if (!remote || remote === 'NOT_FOUND' || partnerProgress(remote) <= FLOW.indexOf(from)) {
          // Not there yet (or a partner cancellation, or an order the store has lost, left for a person to look at): poll again later.
          const pollAt = later(remote === 'NOT_FOUND' ? LOST_ORDER_POLL_SECONDS : Math.max(stepSeconds, MIN_POLL_SECONDS));
          await db.transaction().execute(async (trx) => {
            await trx.updateTable('shipments').set({ nextStepAt: pollAt }).where('id', '=', shipmentId).where('status', '=', from).execute();
            await queueStep(trx, shipmentId, from, pollAt, poll === 1 ? 0 : 1);
          });
          return 'WAITING';
        }
        note = `partner order ${remote.status.toLowerCase()}`;
        remoteOrder = remote;
      }
      const to = nextStatus(from);
      if (!to) return 'NOTHING';
      const moved = await db.transaction().execute(async (trx) => {
        const done = await moveShipment(trx, { shipmentId, from, to, note, nextStepAt: later() });
        if (done) await noteTracking(trx, shipmentId, to, remoteOrder);
        if (done) await deps.onStep?.('TRANSITION_WRITTEN', shipmentId);
        return done && (done.orderStatus ?? to);
      });
      if (!moved) return 'NOTHING';
      announce(shipment.orderId, moved);
      return 'ADVANCED';
    },

    /** The sweep (a cron job): steps long overdue are queued again; a step already done is a no-op when its old job runs. */
    async resume(overdueSeconds = OVERDUE_SECONDS): Promise<number> {
      const overdue = await db
        .selectFrom('shipments')
        .select(['id', 'status'])
        .where('nextStepAt', '<', sql<Date>`now() - ${overdueSeconds} * interval '1 second'`)
        .limit(1_000)
        .execute();
      for (const shipment of overdue) await queueStep(db, shipment.id, shipment.status, new Date());
      // Cancelled orders whose refund was cut off (the cancel is written first) are refunded now.
      const unrefunded = await db
        .selectFrom('payments')
        .innerJoin('orders', 'orders.id', 'payments.orderId')
        .select('orders.id')
        .where('orders.status', '=', 'CANCELLED')
        .where('payments.status', '=', 'CAPTURED')
        .limit(1_000)
        .execute();
      await refundCancelled(unrefunded.map((row) => row.id));
      return overdue.length + unrefunded.length;
    },

    /**
     * Cancels an order of this user that nothing of has been packed: partner orders are cancelled at the
     * stores first, then — one transaction — every shipment and the order become CANCELLED with their
     * events and first-party units go back on the shelf; the payment is refunded last. Cancelling a
     * cancelled order only makes sure its refund went through.
     */
    /** By its owner, or (`guest`) by a caller whose access token for this order was already checked. */
    async cancel(by: { userId: number } | 'guest', orderId: number): Promise<void> {
      const order = await db.selectFrom('orders').select(['id', 'userId', 'status']).where('id', '=', orderId).executeTakeFirst();
      if (!order || (by !== 'guest' && order.userId !== by.userId)) throw new DomainError('BAD_USER_INPUT', 'You have no order with this id', { field: 'id' });
      // A repeat finishes what an interrupted cancel left: the refund comes after the cancel is written.
      if (order.status === 'CANCELLED') return refundCancelled([orderId]);
      const shipments = await db.selectFrom('shipments').selectAll().where('orderId', '=', orderId).execute();
      if (shipments.some((s) => !cancellable(s.status) && s.status !== 'CANCELLED')) {
        throw new DomainError('BAD_USER_INPUT', 'Part of this order has been packed already; it can no longer be cancelled', { field: 'id' });
      }
      for (const shipment of shipments.filter((s) => s.storeId !== null && s.partnerReference !== null && s.status !== 'CANCELLED')) {
        const [store] = await stores.storesByIds([shipment.storeId!]);
        if (store) await cancelPartnerOrder(network, store, shipment.partnerReference!);
      }
      const cancelled = await db.transaction().execute(async (trx) => {
        await sql`SELECT 1 FROM orders WHERE id = ${orderId} FOR UPDATE`.execute(trx);
        const live = await trx
          .selectFrom('shipments')
          .select(['id', 'status', 'warehouseId'])
          .where('orderId', '=', orderId)
          .where('status', '<>', 'CANCELLED')
          .execute();
        if (live.some((s) => !cancellable(s.status)))
          throw new DomainError('BAD_USER_INPUT', 'Part of this order was packed meanwhile; it can no longer be cancelled', { field: 'id' });
        // The furthest along first, so the order goes straight to CANCELLED instead of stepping back on the way.
        let status: OrderStatus | null = null;
        for (const shipment of live.sort((a, b) => FLOW.indexOf(b.status) - FLOW.indexOf(a.status))) {
          const moved = await moveShipment(trx, { shipmentId: shipment.id, from: shipment.status, to: 'CANCELLED', note: 'cancelled by the shopper' });
          if (shipment.warehouseId !== null) await restock(trx, shipment.id, shipment.warehouseId);
          status = moved?.orderStatus ?? status;
        }
        return status;
      });
      await refundCancelled([orderId]);
      if (cancelled) announce(orderId, cancelled);
    },
  };
}

/**
 * A partner shipment's carrier, tracking number and expected day as the store reports them each step; a
 * warehouse shipment gets Folio's own tracking number when it ships.
 */
async function noteTracking(trx: Transaction, shipmentId: number, to: OrderStatus, remote: PartnerOrder | null): Promise<void> {
  if (remote) {
    await trx
      .updateTable('shipments')
      .set({
        carrier: sql<string>`coalesce(${remote.carrier}::text, carrier)`,
        trackingNumber: sql<string>`coalesce(${remote.trackingNumber}::text, tracking_number)`,
        estimatedDelivery: sql<string>`coalesce(${remote.estimatedDelivery}::date, estimated_delivery)`,
      })
      .where('id', '=', shipmentId)
      .execute();
  } else if (to === 'SHIPPED') {
    await trx
      .updateTable('shipments')
      .set({ trackingNumber: `FP${String(shipmentId).padStart(10, '0')}US` })
      .where('id', '=', shipmentId)
      .where('trackingNumber', 'is', null)
      .execute();
  }
}

/** A cancelled warehouse shipment's units go back on the shelf. */
async function restock(trx: Transaction, shipmentId: number, warehouseId: number): Promise<void> {
  await sql`
    UPDATE inventory i SET sold = i.sold - l.quantity
    FROM (SELECT book_id, sum(quantity)::int AS quantity FROM order_lines WHERE shipment_id = ${shipmentId} GROUP BY book_id) l
    WHERE i.book_id = l.book_id AND i.warehouse_id = ${warehouseId}`.execute(trx);
}

export type Fulfilment = ReturnType<typeof createFulfilment>;
