import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { DomainError } from '../../lib/errors.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { PurchaseService } from '../purchases/purchase-service.js';

export type AutoBuyOutcome = 'SKIPPED' | 'REFUSED' | string;

/**
 * An alert with auto-buy fired: runs the compare-and-buy flow with the alert's maximum, token and
 * address (an alert set before auto-buy asked for an address has none, and is refused). The
 * idempotency key is the alert and the price that fired it, and a bought alert never buys again
 * (jobs of one shopper run one at a time, so two drops in quick succession cannot both buy).
 */
export async function runAutoBuy(
  deps: { db: Kysely<Database>; catalog: CatalogService; purchases: PurchaseService },
  alertId: number,
  priceCents: number,
): Promise<AutoBuyOutcome> {
  const alert = await deps.db.selectFrom('priceAlerts').selectAll().where('id', '=', alertId).executeTakeFirst();
  if (!alert || alert.deletedAt || alert.autoBoughtOrderId !== null || alert.autoBuyMaxCents === null || !alert.autoBuyToken) return 'SKIPPED';
  const [book] = await deps.catalog.booksByIds([alert.bookId]);
  if (!book) return 'SKIPPED';
  try {
    const result = await deps.purchases.purchaseBook(alert.userId, {
      isbn: book.isbn13, maxPriceCents: alert.autoBuyMaxCents, paymentToken: alert.autoBuyToken, shippingAddress: alert.autoBuyShippingAddress,
      idempotencyKey: `alert-${alert.id}-auto-buy-${priceCents}`, anyEdition: alert.workId !== null,
    });
    if (result.status === 'PURCHASED' && result.orderId !== null) {
      await deps.db.updateTable('priceAlerts').set({ autoBoughtOrderId: result.orderId }).where('id', '=', alert.id).where('autoBoughtOrderId', 'is', null).execute();
    }
    return result.status;
  } catch (error) {
    // A purchase limit or a bad token will not get better by retrying.
    if (error instanceof DomainError) return 'REFUSED';
    throw error;
  }
}
