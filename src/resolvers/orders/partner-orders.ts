import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { PartnerError, type PartnerOrder, type PlaceOrderInput } from '../../partners/adapter.js';
import type { PartnerNetwork } from '../../partners/network.js';
import type { ShipmentDelivery } from '../../orders/create-order.js';
import type { StoreRow } from '../stores/store-repository.js';
import type { StoreService } from '../stores/store-service.js';
import { enqueue } from '../../jobs/kit.js';
import { cancelPartnerOrderTask } from '../../jobs/purchases/cancel-partner-order.js';

/** How long one order call to a partner may take (placing, finding or cancelling). */
export const PARTNER_ORDER_TIMEOUT_MS = 4_000;
/** How long after an order call failed its order could still appear at the store. */
const LATE_ORDER_CHECK_SECONDS = 30;

export type PlacedOrder =
  | { status: 'PLACED'; orderId: string; totalCents: number; shippingCents: number; delivery: ShipmentDelivery }
  | { status: 'PRICE_CHANGED'; currentPriceCents: number }
  | { status: 'OUT_OF_STOCK' }
  /** No answer: the order may or may not exist at the store (cancel it and look again later). */
  | { status: 'ERROR'; reason: string };

/**
 * Places an order at the store's expected price, ahead of scheduled refreshes; a store error is an outcome,
 * not a throw. The order carries Folio's reference and a partner treats a repeat as the same order, so a
 * failed attempt (a 500, a dropped connection) is tried again within the deadline: it either finds the order
 * the first attempt placed or places it once.
 */
export async function placePartnerOrder(network: PartnerNetwork, store: StoreRow, order: PlaceOrderInput): Promise<PlacedOrder> {
  try {
    const result = await network.guard(store).call((signal) => network.adapter(store).placeOrder(order, signal), {
      idempotent: true,
      deadline: Date.now() + PARTNER_ORDER_TIMEOUT_MS,
      urgent: true,
    });
    return result.status === 'PLACED'
      ? {
          status: 'PLACED',
          orderId: result.order.orderId,
          totalCents: result.order.totalCents,
          shippingCents: result.order.shippingCents,
          delivery: { carrier: result.order.carrier, estimatedDelivery: result.order.estimatedDelivery },
        }
      : result;
  } catch (error) {
    return { status: 'ERROR', reason: error instanceof PartnerError ? error.kind.toLowerCase().replace('_', ' ') : 'unexpected error' };
  }
}

/**
 * Where a partner's order stands now (null: the store did not answer, ask again later; NOT_FOUND: the
 * store says it has no such order).
 */
export function partnerOrderNow(network: PartnerNetwork, store: StoreRow, partnerOrderId: string): Promise<PartnerOrder | null | 'NOT_FOUND'> {
  return network
    .guard(store)
    .call((signal) => network.adapter(store).getOrder(partnerOrderId, signal), { idempotent: true, deadline: Date.now() + PARTNER_ORDER_TIMEOUT_MS })
    .catch((error: unknown) => (error instanceof PartnerError && error.kind === 'NOT_FOUND' ? 'NOT_FOUND' : null));
}

/** Cancels the partner order placed with this reference, if one was placed. */
/** Cancels a partner order by the store's id (the cancel_partner_order job); 'NONE' when the store is gone or never had it. */
export function createLateOrderCanceller(deps: { network: PartnerNetwork; stores: StoreService }) {
  return async (storeId: number, reference: string): Promise<'CANCELLED' | 'NONE'> => {
    const [store] = await deps.stores.storesByIds([storeId]);
    return store ? cancelPartnerOrder(deps.network, store, reference) : 'NONE';
  };
}

export async function cancelPartnerOrder(network: PartnerNetwork, store: StoreRow, reference: string): Promise<'CANCELLED' | 'NONE'> {
  const guard = network.guard(store);
  const adapter = network.adapter(store);
  const deadline = Date.now() + PARTNER_ORDER_TIMEOUT_MS;
  const order = await guard.call((signal) => adapter.findOrder(reference, signal), { idempotent: true, deadline, urgent: true });
  if (!order) return 'NONE';
  if (order.status !== 'CANCELLED') await guard.call((signal) => adapter.cancelOrder(order.orderId, signal), { idempotent: true, deadline, urgent: true });
  return 'CANCELLED';
}

/**
 * An order call that got no answer: cancel what may have been placed now, and (a job) look again
 * later, since the order could still land at the store after we gave up on it.
 */
export async function withdrawUnansweredOrder(db: Kysely<Database>, network: PartnerNetwork, store: StoreRow, reference: string): Promise<void> {
  await enqueue(
    db,
    cancelPartnerOrderTask,
    { storeId: store.id, reference },
    { delayMs: LATE_ORDER_CHECK_SECONDS * 1000, jobKey: `cancel_partner_order:${reference}` },
  );
  await cancelPartnerOrder(network, store, reference).catch(() => 'NONE');
}
