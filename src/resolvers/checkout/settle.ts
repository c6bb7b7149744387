import { sql } from 'kysely';
import { createPaymentRecords } from '../../payments/payment-records.js';
import { releaseReservations } from '../inventory/inventory-repository.js';
import { withdrawUnansweredOrder } from '../orders/partner-orders.js';
import type { Settler } from '../../orders/saga.js';
import type { SettleDeps } from '../orders/settle-deps.js';
import { CHECKOUT_SAGA, type CheckoutRow, finishCheckout } from './checkout-repository.js';

/** Names shared by the saga and its settler: the holder of a checkout's stock and its authorisation key. */
export const holderOf = (checkoutId: number) => `checkout-${checkoutId}`;
export const authorizeKeyOf = (checkoutId: number) => `checkout-${checkoutId}-authorize`;
export const partnerReferenceOf = (checkoutId: number, line: number) => `folio-checkout-${checkoutId}-${line}`;

const INTERRUPTED = 'The checkout was interrupted; any partner order was cancelled and nothing was charged. Try again.';

/**
 * Undoes a checkout whose saga stopped part-way (its process died, or its database went away under
 * it): an order it recorded would have finished it, so whatever it did outside is withdrawn — partner
 * orders cancelled (and looked for again later, in case one lands late), the payment voided or
 * refunded, the stock hold released — and it ends FAILED, with its idempotency key answered. Every step
 * is idempotent, so a settlement interrupted in turn is simply run again.
 */
export async function settleCheckout(deps: SettleDeps, checkout: CheckoutRow): Promise<'RELEASED' | 'NOTHING_TO_DO'> {
  const { db, network, stores } = deps;
  const partnerStores = await stores.storesByIds(checkout.partnerOrders.map((order) => order.storeId));
  for (const [index, planned] of checkout.partnerOrders.entries()) {
    const store = partnerStores[index];
    if (store) await withdrawUnansweredOrder(db, network, store, planned.reference);
  }
  const charged = await createPaymentRecords(db, deps.payments).undo(authorizeKeyOf(checkout.id), { checkoutId: checkout.id });
  const released = await db.transaction().execute(async (trx) => {
    const held = await releaseReservations(trx, holderOf(checkout.id));
    await finishCheckout(trx, checkout.id, 'FAILED', { reason: INTERRUPTED, settling: true });
    await sql`UPDATE idempotency_keys SET status = 'DONE' WHERE scope LIKE 'checkout:%' AND resource_id = ${checkout.id}`.execute(trx);
    return held;
  });
  return charged || released > 0 || checkout.partnerOrders.length > 0 ? 'RELEASED' : 'NOTHING_TO_DO';
}

const SETTLEMENTS = ['RELEASED', 'NOTHING_TO_DO'] as const;

/** Checkouts whose process stopped part-way are undone (see settleCheckout). */
export function checkoutSettler(deps: SettleDeps): Settler<CheckoutRow, (typeof SETTLEMENTS)[number]> {
  return { kind: CHECKOUT_SAGA, outcomes: SETTLEMENTS, settle: (checkout) => settleCheckout(deps, checkout) };
}
