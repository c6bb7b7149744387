import type { Logger } from '../../lib/logger.js';
import { settleInterrupted } from '../../orders/saga.js';
import { checkoutSettler } from '../checkout/settle.js';
import { purchaseSettler } from '../purchases/reconcile.js';
import type { SettleDeps } from './settle-deps.js';

/** Settles the sagas whose process stopped part-way: one settler per kind, built once. */
export function createSettlement(deps: SettleDeps) {
  const purchases = purchaseSettler(deps);
  const checkouts = checkoutSettler(deps);
  return {
    reconcilePurchases: (logger?: Logger) => settleInterrupted(deps.db, purchases, logger),
    reconcileCheckouts: (logger?: Logger) => settleInterrupted(deps.db, checkouts, logger),
    /** Every kind of saga, one after the other (the settle_sagas job). */
    settleSagas: async (logger?: Logger) => ({
      purchases: await settleInterrupted(deps.db, purchases, logger),
      checkouts: await settleInterrupted(deps.db, checkouts, logger),
    }),
  };
}
