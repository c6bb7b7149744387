import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../lib/logger.js';
import type { PartnerNetwork } from '../../partners/network.js';
import { createPaymentRecords, type PaymentRecords } from '../../payments/payment-records.js';
import type { PaymentProvider, ProviderPayment } from '../../payments/provider.js';
import type { StoreRow } from '../stores/store-repository.js';
import type { StoreService } from '../stores/store-service.js';
import { claimUnsettledPurchases, finishPurchaseRequest, type PurchaseRequestRow, recordPartnerOrder } from './purchase-repository.js';
import { cancelPartnerOrder } from '../orders/partner-orders.js';
import { authorizationKey, MAX_PURCHASE_ATTEMPTS, partnerReference } from './purchase-service.js';

export type Settlement = 'COMPLETED' | 'RELEASED' | 'NOTHING_TO_DO';

/**
 * Settles purchases whose process stopped mid-way (their lease ran out). What the payment provider and
 * the partner store actually hold decides: a captured payment with a live partner order becomes the
 * order the shopper asked for; anything less is undone (partner order cancelled, authorisation voided,
 * capture refunded). Either way no money is kept without an order and no order exists without payment.
 */
export async function reconcilePurchases(
  deps: { db: Kysely<Database>; payments: PaymentProvider; network: PartnerNetwork; stores: StoreService; logger?: Logger },
  limit = 100,
): Promise<Record<Settlement, number>> {
  const counts: Record<Settlement, number> = { COMPLETED: 0, RELEASED: 0, NOTHING_TO_DO: 0 };
  for (const request of await claimUnsettledPurchases(deps.db, limit)) {
    try {
      const settlement = await settle(deps, request);
      counts[settlement]++;
      deps.logger?.info({ purchaseRequestId: request.id, step: request.step, settlement }, 'interrupted purchase settled');
    } catch (error) {
      // A store or the provider is unreachable: the request's new lease brings it back in five minutes.
      deps.logger?.warn({ purchaseRequestId: request.id, err: error }, 'interrupted purchase not settled yet');
    }
  }
  return counts;
}

async function settle(deps: { db: Kysely<Database>; payments: PaymentProvider; network: PartnerNetwork; stores: StoreService }, request: PurchaseRequestRow): Promise<Settlement> {
  const { db, payments, network, stores } = deps;
  const attempts = await authorizationsOf(payments, request.id);
  const [store] = request.chosenStoreId === null ? [null] : await stores.storesByIds([request.chosenStoreId]);
  const reference = partnerReference(request.id);
  const records = createPaymentRecords(db, payments);
  const findOrder = (at: StoreRow) =>
    network.guard(at).call((signal) => network.adapter(at).findOrder(reference, signal), { idempotent: true, deadline: Date.now() + 5_000 });
  const partnerOrder = store ? await findOrder(store) : null;
  const live = store && partnerOrder && partnerOrder.status !== 'CANCELLED' && request.chosenBookId !== null ? { store, order: partnerOrder } : null;

  /** The order the shopper asked for, recorded with the payment that pays for it; every other attempt released. */
  const complete = async (paid: Attempt, { store: from, order }: NonNullable<typeof live>): Promise<Settlement> => {
    await records.note(paid.key, paid.payment, { purchaseRequestId: request.id });
    await releaseAll(records, request, attempts.filter((attempt) => attempt.key !== paid.key));
    await db.transaction().execute((trx) =>
      recordPartnerOrder(trx, {
        request, userId: request.userId, bookId: request.chosenBookId!, storeId: from.id, priceCents: order.unitPriceCents,
        shippingCents: order.shippingCents, paymentReference: paid.payment.reference, partnerOrderId: order.orderId, partnerReference: reference,
      }, 'SETTLER'),
    );
    return 'COMPLETED';
  };

  const captured = attempts.find((attempt) => attempt.payment.status === 'CAPTURED');
  if (captured && live) return complete(captured, live);

  if (live && (await cancelPartnerOrder(network, live.store, reference).then(() => true, () => false)) === false) {
    // The store will not take the order back (it has shipped): the shopper gets the book they asked for,
    // paid with the authorisation made for exactly its total. Anything else waits for the next run.
    const authorized = attempts.find((attempt) => attempt.payment.status === 'AUTHORIZED' && attempt.payment.amountCents === live.order.totalCents);
    const now = await findOrder(live.store);
    if (!authorized || !now || now.status === 'CANCELLED' || now.status === 'PLACED' || now.status === 'PROCESSING') throw new Error('the partner order could not be cancelled yet');
    await payments.capture(authorized.payment.reference, `purchase-${request.id}-capture`);
    return complete({ ...authorized, payment: { ...authorized.payment, status: 'CAPTURED' } }, live);
  }
  await releaseAll(records, request, attempts);
  await finishPurchaseRequest(db, request.id, 'FAILED', 'The purchase was interrupted; any partner order was cancelled and nothing was charged');
  return attempts.length > 0 || partnerOrder ? 'RELEASED' : 'NOTHING_TO_DO';
}

interface Attempt {
  key: string;
  payment: ProviderPayment;
}

/** Every authorisation the request made, as the provider holds them. */
async function authorizationsOf(payments: PaymentProvider, requestId: number): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  for (let attempt = 1; attempt <= MAX_PURCHASE_ATTEMPTS; attempt++) {
    const key = authorizationKey(requestId, attempt);
    const payment = await payments.findByKey(key);
    if (payment) attempts.push({ key, payment });
  }
  return attempts;
}

/** Voids what is only authorised and refunds what was captured, and notes it. */
async function releaseAll(records: PaymentRecords, request: PurchaseRequestRow, attempts: Attempt[]): Promise<void> {
  for (const { key, payment } of attempts) await records.undo(key, { purchaseRequestId: request.id }, payment);
}
