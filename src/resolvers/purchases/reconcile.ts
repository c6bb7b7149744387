import { createPaymentRecords, type PaymentRecords } from '../../payments/payment-records.js';
import type { PaymentProvider, ProviderPayment } from '../../payments/provider.js';
import type { StoreRow } from '../stores/store-repository.js';
import type { Settler } from '../../orders/saga.js';
import type { SettleDeps } from '../orders/settle-deps.js';
import { finishPurchaseRequest, PURCHASE_SAGA, type PurchaseRequestRow, recordPartnerOrder } from './purchase-repository.js';
import { cancelPartnerOrder } from '../orders/partner-orders.js';
import { authorizationKey, MAX_PURCHASE_ATTEMPTS, partnerReference } from './purchase-service.js';

const SETTLEMENTS = ['COMPLETED', 'RELEASED', 'NOTHING_TO_DO'] as const;
export type Settlement = (typeof SETTLEMENTS)[number];

/**
 * Settles purchases whose process stopped mid-way (their lease ran out). What the payment provider and
 * the partner store actually hold decides: a captured payment with a live partner order becomes the
 * order the shopper asked for; anything less is undone (partner order cancelled, authorisation voided,
 * capture refunded). Either way no money is kept without an order and no order exists without payment.
 */
export function purchaseSettler(deps: SettleDeps): Settler<PurchaseRequestRow, Settlement> {
  return { kind: PURCHASE_SAGA, outcomes: SETTLEMENTS, settle: (request) => settle(deps, request) };
}

async function settle(deps: SettleDeps, request: PurchaseRequestRow): Promise<Settlement> {
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
    await releaseAll(
      records,
      request,
      attempts.filter((attempt) => attempt.key !== paid.key),
    );
    await db.transaction().execute((trx) =>
      recordPartnerOrder(
        trx,
        {
          request,
          userId: request.userId,
          bookId: request.chosenBookId!,
          storeId: from.id,
          priceCents: order.unitPriceCents,
          shippingCents: order.shippingCents,
          paymentReference: paid.payment.reference,
          partnerOrderId: order.orderId,
          partnerReference: reference,
          delivery: { carrier: order.carrier, estimatedDelivery: order.estimatedDelivery },
        },
        'SETTLER',
      ),
    );
    return 'COMPLETED';
  };

  const captured = attempts.find((attempt) => attempt.payment.status === 'CAPTURED');
  if (captured && live) return complete(captured, live);

  if (
    live &&
    (await cancelPartnerOrder(network, live.store, reference).then(
      () => true,
      () => false,
    )) === false
  ) {
    // The store will not take the order back (it has shipped): the shopper gets the book they asked for,
    // paid with the authorisation made for exactly its total. Anything else waits for the next run.
    const authorized = attempts.find((attempt) => attempt.payment.status === 'AUTHORIZED' && attempt.payment.amountCents === live.order.totalCents);
    const now = await findOrder(live.store);
    if (!authorized || !now || now.status === 'CANCELLED' || now.status === 'PLACED' || now.status === 'PROCESSING')
      throw new Error('the partner order could not be cancelled yet');
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
