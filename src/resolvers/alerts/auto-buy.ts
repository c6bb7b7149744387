import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { DomainError } from '../../lib/errors.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { PurchaseService } from '../purchases/purchase-service.js';
import type { AlertRow } from './alert-evaluation.js';

export type AutoBuyOutcome = 'SKIPPED' | 'REFUSED' | string;

type AutoBuyDeps = { db: Kysely<Database>; catalog: CatalogService; purchases: PurchaseService };

/**
 * An alert with auto-buy fired: runs the compare-and-buy flow with the alert's maximum, token, address
 * and formats (an alert set before auto-buy asked for an address has none, and is refused). The
 * idempotency key is the alert and the price that fired it, and a bought alert never buys again
 * (jobs of one shopper run one at a time, so two drops in quick succession cannot both buy).
 */
export function createAutoBuy(deps: AutoBuyDeps): (alertId: number, priceCents: number) => Promise<AutoBuyOutcome> {
  return (alertId, priceCents) => runAutoBuy(deps, alertId, priceCents);
}

async function runAutoBuy(deps: AutoBuyDeps, alertId: number, priceCents: number): Promise<AutoBuyOutcome> {
  const alert = await deps.db.selectFrom('priceAlerts').selectAll().where('id', '=', alertId).executeTakeFirst();
  if (!alert || alert.deletedAt || alert.autoBoughtOrderId !== null || alert.autoBuyMaxCents === null || !alert.autoBuyToken) return 'SKIPPED';
  const [book] = await deps.catalog.booksByIds([alert.bookId]);
  if (!book) return 'SKIPPED';
  const idempotencyKey = `${keyPrefix(alert)}${priceCents}`;
  // An attempt at another price may have bought before its job died, or may still be settling: wait for
  // it rather than buy a second copy (the job is tried again later).
  const earlier = await earlierAttempts(deps.db, alert, idempotencyKey);
  if (earlier.orderId !== null) {
    await noteOrder(deps.db, alert.id, earlier.orderId);
    return 'PURCHASED';
  }
  if (earlier.running) throw new Error(`an earlier auto-buy of alert ${alert.id} is still being settled`);
  try {
    const result = await deps.purchases.purchaseBook(alert.userId, {
      isbn: book.isbn13,
      maxPriceCents: alert.autoBuyMaxCents,
      paymentToken: alert.autoBuyToken,
      shippingAddress: alert.autoBuyShippingAddress,
      idempotencyKey,
      anyEdition: alert.workId !== null,
      formats: alert.autoBuyFormats,
    });
    if (result.status === 'PURCHASED' && result.orderId !== null) await noteOrder(deps.db, alert.id, result.orderId);
    return result.status;
  } catch (error) {
    // A purchase limit or a bad token will not get better by retrying.
    if (error instanceof DomainError) return 'REFUSED';
    throw error;
  }
}

const keyPrefix = (alert: AlertRow) => `alert-${alert.id}-auto-buy-`;

/** The alert's other auto-buy purchases: the order one of them placed, and whether one is still running. */
async function earlierAttempts(db: Kysely<Database>, alert: AlertRow, currentKey: string): Promise<{ orderId: number | null; running: boolean }> {
  const requests = await db
    .selectFrom('purchaseRequests')
    .select(['status', 'orderId'])
    .where('userId', '=', alert.userId)
    .where('idempotencyKey', 'like', `${keyPrefix(alert)}%`)
    .where('idempotencyKey', '<>', currentKey)
    .execute();
  return {
    orderId: requests.find((request) => request.status === 'PURCHASED')?.orderId ?? null,
    running: requests.some((request) => request.status === 'IN_PROGRESS'),
  };
}

function noteOrder(db: Kysely<Database>, alertId: number, orderId: number) {
  return db.updateTable('priceAlerts').set({ autoBoughtOrderId: orderId }).where('id', '=', alertId).where('autoBoughtOrderId', 'is', null).execute();
}
