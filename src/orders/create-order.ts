import { sql } from 'kysely';
import type { Transaction } from '../db/database.js';
import { enqueue } from '../jobs/kit.js';
import { startFulfilmentTask } from '../jobs/orders/start-fulfilment.js';
import type { Address } from '../lib/address.js';
import { addWorkingDays } from '../lib/calendar.js';
import { queueOrderMail } from './order-mail.js';

/** Who carries a shipment and when it should arrive (YYYY-MM-DD), as far as known. */
export interface ShipmentDelivery {
  carrier: string | null;
  estimatedDelivery: string | null;
}

/** Folio's warehouses ship with their own carrier and promise delivery this many working days after the order. */
export const WAREHOUSE_DELIVERY: { carrier: string; workingDays: number } = { carrier: 'Folio Post', workingDays: 3 };

/** One shipment of a new order: from a warehouse of Folio's, or a partner store's order already placed (with its delivery as the store told it). */
export interface NewShipment {
  from: { warehouseId: number } | { storeId: number; partnerOrderId: string; partnerReference: string; delivery: ShipmentDelivery };
  shippingCents: number;
  lines: readonly { bookId: number; quantity: number; unitPriceCents: number }[];
}

export interface NewOrder {
  userId: number | null;
  /** A guest's e-mail: an account opened or signed into with it later owns the order. */
  email?: string | null;
  shippingAddress: Address | null;
  /** The captured payment the order is paid by. */
  paymentReference: string;
  shipments: readonly NewShipment[];
  /** What the order's first event says of how it came about. */
  note: string;
}

/**
 * The one place an order comes into being, for checkout and compare-and-buy alike: the order, its
 * shipments, lines and first event, the payment's capture noted against it, fulfilment's first job and
 * the confirmation e-mail, all in the caller's transaction, so there is never an order without its payment or the other way round.
 */
export async function createOrder(trx: Transaction, order: NewOrder): Promise<number> {
  // The order with its first event, then each shipment with its lines: a statement each.
  const { orderId } = await trx
    .with('placed', (db) =>
      db
        .insertInto('orders')
        .values({
          userId: order.userId,
          email: order.userId === null ? (order.email ?? null) : null,
          status: 'PLACED',
          totalCents: totalOf(order.shipments),
          shippingAddress: order.shippingAddress && JSON.stringify(order.shippingAddress),
        })
        .returning('id'),
    )
    .insertInto('orderEvents')
    .columns(['orderId', 'shipmentId', 'status', 'note'])
    .expression((eb) =>
      eb.selectFrom('placed').select(['placed.id', eb.val(null).as('shipmentId'), eb.val('PLACED').as('status'), eb.val(order.note).as('note')]),
    )
    .returning('orderId')
    .executeTakeFirstOrThrow();
  for (const shipment of order.shipments) await insertShipment(trx, orderId, shipment);
  await trx
    .updateTable('payments')
    .set({ status: 'CAPTURED', orderId, updatedAt: new Date() })
    .where('providerReference', '=', order.paymentReference)
    .execute();
  await enqueue(trx, startFulfilmentTask, { orderId }, { jobKey: `start_fulfilment:${orderId}` });
  await queueOrderMail(trx, { orderId, status: 'PLACED' });
  return orderId;
}

async function insertShipment(trx: Transaction, orderId: number, shipment: NewShipment): Promise<void> {
  const { lines } = shipment;
  await trx
    .with('shipment', (db) =>
      db
        .insertInto('shipments')
        .values({
          orderId,
          status: 'PLACED',
          shippingCents: shipment.shippingCents,
          ...('warehouseId' in shipment.from
            ? {
                warehouseId: shipment.from.warehouseId,
                storeId: null,
                partnerOrderId: null,
                partnerReference: null,
                carrier: WAREHOUSE_DELIVERY.carrier,
                estimatedDelivery: addWorkingDays(new Date(), WAREHOUSE_DELIVERY.workingDays),
              }
            : {
                warehouseId: null,
                storeId: shipment.from.storeId,
                partnerOrderId: shipment.from.partnerOrderId,
                partnerReference: shipment.from.partnerReference,
                ...shipment.from.delivery,
              }),
        })
        .returning('id'),
    )
    .insertInto('orderLines')
    .columns(['orderId', 'shipmentId', 'bookId', 'quantity', 'unitPriceCents'])
    .expression(
      sql`SELECT ${orderId}::bigint, shipment.id, line.book_id, line.quantity, line.unit_price_cents FROM shipment,
        unnest(${lines.map((l) => l.bookId)}::bigint[], ${lines.map((l) => l.quantity)}::int[], ${lines.map((l) => l.unitPriceCents)}::bigint[])
          WITH ORDINALITY AS line(book_id, quantity, unit_price_cents, n) ORDER BY line.n`,
    )
    .execute();
}

/** What the shopper pays: every line and every shipment's shipping. */
export function totalOf(shipments: readonly NewShipment[]): number {
  return shipments.reduce(
    (sum, shipment) => sum + shipment.shippingCents + shipment.lines.reduce((lines, line) => lines + line.quantity * line.unitPriceCents, 0),
    0,
  );
}
