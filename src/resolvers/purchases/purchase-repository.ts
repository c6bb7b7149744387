import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import { createOrder, type ShipmentDelivery } from '../../orders/create-order.js';
import { type SagaKind, SETTLING, SettledElsewhereError } from '../../orders/saga.js';
import type { Database, PurchaseRequestsTable, PurchaseStatus, Transaction } from '../../db/database.js';

export type PurchaseRequestRow = Selectable<PurchaseRequestsTable>;

/** Steps a purchase passes through; each is written down before the next starts. */
export type PurchaseStep = 'COMPARING' | 'CONFIRMING' | 'AUTHORIZING' | 'ORDERING' | 'CAPTURING' | 'RECORDING' | 'DONE';

/** Purchases as sagas: the lease is renewed at every step, longer than any step can take. */
export const PURCHASE_SAGA: SagaKind<PurchaseStep> = { name: 'purchase', table: 'purchase_requests', leaseSeconds: 60 };

export function createPurchaseRequest(trx: Transaction, values: Insertable<PurchaseRequestsTable>): Promise<PurchaseRequestRow> {
  return trx.insertInto('purchaseRequests').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Progress is written as it happens (outside any transaction), so an interrupted request can be settled. */
export async function updatePurchaseRequest(db: Kysely<Database>, id: number, patch: Updateable<PurchaseRequestsTable>): Promise<void> {
  await db.updateTable('purchaseRequests').set(patch).where('id', '=', id).execute();
}

/** Ends a running request with its outcome; false when it had already ended (a settler got there first). */
export async function finishPurchaseRequest(
  db: Kysely<Database> | Transaction,
  id: number,
  status: Exclude<PurchaseStatus, 'IN_PROGRESS'>,
  reason: string | null,
  patch: Updateable<PurchaseRequestsTable> = {},
): Promise<boolean> {
  const finished = await db
    .updateTable('purchaseRequests')
    .set({ ...patch, status, reason, step: 'DONE', finishedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'IN_PROGRESS')
    .executeTakeFirst();
  return Number(finished.numUpdatedRows) > 0;
}

export function findPurchaseRequest(db: Kysely<Database>, id: number): Promise<PurchaseRequestRow | undefined> {
  return db.selectFrom('purchaseRequests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Purchases that count against the user's limit: bought, or still running, within the window. */
export async function countRecentPurchases(trx: Transaction, userId: number, windowSeconds: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM purchase_requests
    WHERE user_id = ${userId} AND status IN ('PURCHASED', 'IN_PROGRESS')
      AND created_at > now() - ${windowSeconds} * interval '1 second'`.execute(trx);
  return rows[0]?.n ?? 0;
}

export interface PartnerPurchase {
  request: PurchaseRequestRow;
  userId: number;
  bookId: number;
  storeId: number;
  priceCents: number;
  shippingCents: number;
  paymentReference: string;
  partnerOrderId: string;
  partnerReference: string;
  delivery: ShipmentDelivery;
}

/** The order (one line, one partner shipment) and the request's outcome: one transaction. */
export async function recordPartnerOrder(trx: Transaction, purchase: PartnerPurchase, by: 'SAGA' | 'SETTLER' = 'SAGA'): Promise<number> {
  const request = await trx
    .selectFrom('purchaseRequests')
    .select(['status', 'step'])
    .where('id', '=', purchase.request.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (request.status !== 'IN_PROGRESS' || (by === 'SAGA' && request.step === SETTLING)) throw new SettledElsewhereError();
  // The address comes from the request itself, so the saga and a settler completing its purchase ship alike.
  const orderId = await createOrder(trx, {
    userId: purchase.userId,
    shippingAddress: purchase.request.shippingAddress,
    paymentReference: purchase.paymentReference,
    note: 'bought from a partner store',
    shipments: [
      {
        from: { storeId: purchase.storeId, partnerOrderId: purchase.partnerOrderId, partnerReference: purchase.partnerReference, delivery: purchase.delivery },
        shippingCents: purchase.shippingCents,
        lines: [{ bookId: purchase.bookId, quantity: 1, unitPriceCents: purchase.priceCents }],
      },
    ],
  });
  await finishPurchaseRequest(trx, purchase.request.id, 'PURCHASED', null, { orderId });
  return orderId;
}
