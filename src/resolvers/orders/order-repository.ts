import type { Kysely, Selectable } from 'kysely';
import type { Database, OrderEventsTable, OrderLinesTable, OrdersTable, ShipmentsTable } from '../../db/database.js';
import { byKeys, groupByKeys } from '../batch.js';

export type OrderRow = Selectable<OrdersTable>;
export type OrderLineRow = Selectable<OrderLinesTable>;
export type ShipmentRow = Selectable<ShipmentsTable>;
export type OrderEventRow = Selectable<OrderEventsTable>;

export async function findOrdersByIds(db: Kysely<Database>, ids: readonly number[]): Promise<(OrderRow | null)[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('orders')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return byKeys(ids, rows, (row) => row.id);
}

export async function findLinesOfOrders(db: Kysely<Database>, orderIds: readonly number[]): Promise<OrderLineRow[][]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .selectFrom('orderLines')
    .selectAll()
    .where('orderId', 'in', [...orderIds])
    .orderBy('id')
    .execute();
  return groupByKeys(orderIds, rows, (row) => row.orderId);
}

export async function findShipmentsOfOrders(db: Kysely<Database>, orderIds: readonly number[]): Promise<ShipmentRow[][]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .selectFrom('shipments')
    .selectAll()
    .where('orderId', 'in', [...orderIds])
    .orderBy('id')
    .execute();
  return groupByKeys(orderIds, rows, (row) => row.orderId);
}

export async function findEventsOfOrders(db: Kysely<Database>, orderIds: readonly number[]): Promise<OrderEventRow[][]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .selectFrom('orderEvents')
    .selectAll()
    .where('orderId', 'in', [...orderIds])
    .orderBy('at')
    .orderBy('id')
    .execute();
  return groupByKeys(orderIds, rows, (row) => row.orderId);
}

/** What the shopper's payment for an order came to: authorised, captured, refunded, and the card as the provider described it. */
export interface PaymentSummary {
  authorizedCents: number;
  capturedCents: number;
  refundedCents: number;
  currency: string;
  brand: string | null;
  last4: string | null;
}

/** The payment summary of each order (null: no payment recorded against it). */
export async function findPaymentsOfOrders(db: Kysely<Database>, orderIds: readonly number[]): Promise<(PaymentSummary | null)[]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .selectFrom('payments')
    .select(['orderId', 'amountCents', 'currency', 'status', 'cardBrand', 'cardLast4'])
    .where('orderId', 'in', [...orderIds])
    .orderBy('id')
    .execute();
  return groupByKeys(orderIds, rows, (row) => row.orderId!).map((payments) =>
    payments.length === 0
      ? null
      : {
          authorizedCents: sum(payments, () => true),
          capturedCents: sum(payments, (status) => status === 'CAPTURED' || status === 'REFUNDED'),
          refundedCents: sum(payments, (status) => status === 'REFUNDED'),
          currency: payments[0]!.currency,
          brand: payments[0]!.cardBrand,
          last4: payments[0]!.cardLast4,
        },
  );
}

function sum(payments: readonly { amountCents: number; status: string }[], counts: (status: string) => boolean): number {
  return payments.reduce((total, payment) => total + (counts(payment.status) ? payment.amountCents : 0), 0);
}

/** Reads of orders for the API (ownership is checked by the schema's auth scopes). */
export function createOrderService(db: Kysely<Database>) {
  return {
    ordersByIds: (ids: readonly number[]) => findOrdersByIds(db, ids),
    linesOf: (orderIds: readonly number[]) => findLinesOfOrders(db, orderIds),
    shipmentsOf: (orderIds: readonly number[]) => findShipmentsOfOrders(db, orderIds),
    eventsOf: (orderIds: readonly number[]) => findEventsOfOrders(db, orderIds),
    paymentsOf: (orderIds: readonly number[]) => findPaymentsOfOrders(db, orderIds),
    /** A user's orders, newest first, keyset-paged by id. */
    pageOfUser: (userId: number, beforeId: number | null, limit: number) =>
      db
        .selectFrom('orders')
        .selectAll()
        .where('userId', '=', userId)
        .$if(beforeId !== null, (q) => q.where('id', '<', beforeId!))
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
    countOfUser: async (userId: number) =>
      Number(
        (
          await db
            .selectFrom('orders')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('userId', '=', userId)
            .executeTakeFirstOrThrow()
        ).n,
      ),
  };
}
