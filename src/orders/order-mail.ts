import { type Kysely, sql } from 'kysely';
import type { Database, OrderStatus, Transaction } from '../db/database.js';
import { deliverNotificationTask } from '../jobs/alerts/deliver-notification.js';
import { enqueue } from '../jobs/kit.js';

/**
 * Queues an order e-mail in the caller's transaction, through the alerts' outbox (so it is retried and
 * never sent twice): the confirmation when the order is placed, and one for each status a shipment moves
 * to. It goes to the owner's e-mail, or the guest's; an order with neither gets none. Quiet hours are for
 * price alerts and do not hold these back.
 */
export async function queueOrderMail(trx: Transaction, mail: { orderId: number; shipmentId?: number; status: OrderStatus }): Promise<void> {
  const { rows } = await sql<{ id: number }>`
    INSERT INTO notifications (channel, kind, order_id, shipment_id, order_status, email, user_id)
    SELECT 'EMAIL', ${mail.shipmentId === undefined ? 'ORDER_PLACED' : 'SHIPMENT_STATUS'}, o.id, ${mail.shipmentId ?? null}::bigint, ${mail.status}, coalesce(u.email, o.email), o.user_id
    FROM orders o LEFT JOIN users u ON u.id = o.user_id
    WHERE o.id = ${mail.orderId} AND coalesce(u.email, o.email) IS NOT NULL
    RETURNING id`.execute(trx);
  for (const { id } of rows) await enqueue(trx, deliverNotificationTask, { notificationId: id }, { jobKey: `deliver_notification:${id}` });
}

/** An order e-mail as it is sent: its address, subject and text, read when it is sent (a tracking number given since is in it). */
export async function composeOrderMail(db: Kysely<Database>, notificationId: number): Promise<{ to: string; subject: string; text: string } | null> {
  const row = await db
    .selectFrom('notifications as n')
    .innerJoin('orders as o', 'o.id', 'n.orderId')
    .leftJoin('shipments as s', 's.id', 'n.shipmentId')
    .leftJoin('stores as st', 'st.id', 's.storeId')
    .select([
      'n.kind',
      'n.email',
      'n.orderStatus',
      'o.id as orderId',
      'o.number',
      'o.totalCents',
      's.carrier',
      's.trackingNumber',
      's.estimatedDelivery',
      'st.name as storeName',
    ])
    .where('n.id', '=', notificationId)
    .executeTakeFirst();
  if (!row?.email) return null;
  const footer = `\n\nOrder ${row.number}. You are getting this because you ordered from Folio.\n`;
  if (row.kind === 'ORDER_PLACED') {
    const lines = await db
      .selectFrom('orderLines as l')
      .innerJoin('books as b', 'b.id', 'l.bookId')
      .select(['b.title', 'l.quantity'])
      .where('l.orderId', '=', row.orderId)
      .orderBy('l.id')
      .execute();
    const books = lines.map((line) => `  ${line.quantity} × ${line.title}`).join('\n');
    return {
      to: row.email,
      subject: `Your Folio order ${row.number} is placed`,
      text: `Thank you: order ${row.number} is placed and paid ($${(row.totalCents / 100).toFixed(2)}).\n\n${books}\n\nWe will write again as each parcel moves on.${footer}`,
    };
  }
  const from = row.storeName ?? 'Folio';
  const status = (row.orderStatus ?? 'PLACED').toLowerCase();
  const link = row.trackingNumber && row.carrier ? trackingUrl(row.carrier, row.trackingNumber) : null;
  const tracking = row.trackingNumber ? `\n\n${row.carrier ?? 'The carrier'} tracking number: ${row.trackingNumber}${link ? `\nTrack it: ${link}` : ''}` : '';
  const expected =
    row.estimatedDelivery && row.orderStatus !== 'DELIVERED' && row.orderStatus !== 'CANCELLED'
      ? `\nExpected at your door: ${row.estimatedDelivery.toDateString()}.`
      : '';
  return {
    to: row.email,
    subject: `Your Folio order ${row.number}: the parcel from ${from} is ${status}`,
    text: `The parcel from ${from} in order ${row.number} is ${status}.${tracking}${expected}${footer}`,
  };
}

/** The carrier's public tracking page for a number (Folio Post has none of its own: the order page shows it). */
export function trackingUrl(carrier: string, trackingNumber: string): string | null {
  const number = encodeURIComponent(trackingNumber);
  switch (carrier) {
    case 'USPS':
      return `https://tools.usps.com/go/TrackConfirmAction?tLabels=${number}`;
    case 'UPS':
      return `https://www.ups.com/track?tracknum=${number}`;
    case 'FedEx':
      return `https://www.fedex.com/fedextrack/?trknbr=${number}`;
    case 'DHL eCommerce':
      return `https://webtrack.dhlecs.com/?trackingnumber=${number}`;
    case 'OnTrac':
      return `https://www.ontrac.com/tracking/?number=${number}`;
    default:
      return null;
  }
}
