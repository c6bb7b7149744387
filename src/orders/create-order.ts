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
  const { id: orderId } = await trx
    .insertInto('orders')
    .values({
      userId: order.userId,
      email: order.userId === null ? (order.email ?? null) : null,
      status: 'PLACED',
      totalCents: totalOf(order.shipments),
      shippingAddress: order.shippingAddress && JSON.stringify(order.shippingAddress),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const shipment of order.shipments) {
    const { id: shipmentId } = await trx
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
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('orderLines')
      .values(shipment.lines.map((line) => ({ orderId, shipmentId, ...line })))
      .execute();
  }
  await trx.insertInto('orderEvents').values({ orderId, shipmentId: null, status: 'PLACED', note: order.note }).execute();
  await trx
    .updateTable('payments')
    .set({ status: 'CAPTURED', orderId, updatedAt: new Date() })
    .where('providerReference', '=', order.paymentReference)
    .execute();
  await enqueue(trx, startFulfilmentTask, { orderId }, { jobKey: `start_fulfilment:${orderId}` });
  await queueOrderMail(trx, { orderId, status: 'PLACED' });
  return orderId;
}

/** What the shopper pays: every line and every shipment's shipping. */
export function totalOf(shipments: readonly NewShipment[]): number {
  return shipments.reduce(
    (sum, shipment) => sum + shipment.shippingCents + shipment.lines.reduce((lines, line) => lines + line.quantity * line.unitPriceCents, 0),
    0,
  );
}
