import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../lib/logger.js';
import type { PartnerNetwork } from '../../partners/network.js';
import type { PaymentProvider } from '../../payments/provider.js';
import type { StoreService } from '../stores/store-service.js';
import { claimUnsettledPurchases, finishPurchaseRequest, type PurchaseRequestRow, recordPartnerOrder } from './purchase-repository.js';
import { cancelPartnerOrder, partnerReference } from './purchase-service.js';

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
  const payment = await payments.findByKey(`purchase-${request.id}-authorize`);
  const [store] = request.chosenStoreId === null ? [null] : await stores.storesByIds([request.chosenStoreId]);
  const reference = partnerReference(request.id);
  const partnerOrder = store
    ? await network.guard(store).call((signal) => network.adapter(store).findOrder(reference, signal), { idempotent: true, deadline: Date.now() + 5_000 })
    : null;

  if (payment?.status === 'CAPTURED' && partnerOrder && partnerOrder.status !== 'CANCELLED' && store && request.chosenBookId !== null) {
    await ensurePaymentRow(db, request, payment.reference, payment.amountCents, payments.name);
    await db.transaction().execute((trx) =>
      recordPartnerOrder(trx, {
        request, userId: request.userId, bookId: request.chosenBookId!, storeId: store.id, priceCents: partnerOrder.unitPriceCents,
        shippingCents: partnerOrder.shippingCents, paymentReference: payment.reference, partnerOrderId: partnerOrder.orderId, partnerReference: reference,
      }),
    );
    return 'COMPLETED';
  }

  if (store && partnerOrder && partnerOrder.status !== 'CANCELLED') await cancelPartnerOrder(network, store, reference);
  if (payment?.status === 'AUTHORIZED') await payments.void(payment.reference, `${payment.reference}-void`);
  if (payment?.status === 'CAPTURED') await payments.refund(payment.reference, `${payment.reference}-refund`);
  if (payment && payment.status !== 'DECLINED') {
    const status = payment.status === 'CAPTURED' || payment.status === 'REFUNDED' ? 'REFUNDED' : 'VOIDED';
    await ensurePaymentRow(db, request, payment.reference, payment.amountCents, payments.name);
    await db.updateTable('payments').set({ status, updatedAt: new Date() }).where('providerReference', '=', payment.reference).execute();
  }
  await finishPurchaseRequest(db, request.id, 'FAILED', 'The purchase was interrupted; any partner order was cancelled and nothing was charged');
  return payment || partnerOrder ? 'RELEASED' : 'NOTHING_TO_DO';
}

/** The process may have stopped between the provider's answer and Folio's note of it. */
async function ensurePaymentRow(db: Kysely<Database>, request: PurchaseRequestRow, reference: string, amountCents: number, provider: string) {
  await db
    .insertInto('payments')
    .values({ provider, providerReference: reference, idempotencyKey: `purchase-${request.id}-authorize`, amountCents, status: 'AUTHORIZED', purchaseRequestId: request.id })
    .onConflict((conflict) => conflict.column('idempotencyKey').doNothing())
    .execute();
}
