import type { Transaction } from '../../db/database.js';
import { type PriceDropEvent, queueEvaluation, scheduleDeliveries } from './alert-evaluation.js';

/**
 * A price report that notified people proved wrong. Every alert it notified hears a correction on each
 * channel it was told on (old price: the reported one; new price: what the store actually asks, or the
 * reported one when the store has no price for it), and is re-armed with its last notified price
 * forgotten — the drop never happened — then evaluated again against the store's real offer.
 * Runs inside the transaction that rejects the report; returns what subscribers should hear after it.
 */
export async function writeCorrections(
  trx: Transaction,
  report: { id: number; bookId: number; reportedCents: number; actualCents: number | null },
): Promise<PriceDropEvent[]> {
  const notified = await trx
    .selectFrom('notifications as n')
    .innerJoin('priceAlerts as a', 'a.id', 'n.alertId')
    .select(['a.id as alertId', 'a.userId', 'n.channel', 'n.bookId', 'n.storeId', 'a.quietHours'])
    .where('n.reportId', '=', report.id)
    .where('n.kind', '=', 'PRICE_DROP')
    .orderBy('n.id')
    .$narrowType<{ bookId: number }>()
    .execute();
  if (notified.length === 0) return [];
  const at = new Date();
  const newPriceCents = report.actualCents ?? report.reportedCents;
  const events = new Map<number, PriceDropEvent>();
  for (const row of notified) {
    const [written] = await trx
      .insertInto('notifications')
      .values({
        alertId: row.alertId,
        userId: row.userId,
        channel: row.channel,
        bookId: row.bookId,
        storeId: row.storeId,
        oldPriceCents: report.reportedCents,
        newPriceCents,
        createdAt: at,
        kind: 'CORRECTION',
        reportId: report.id,
      })
      .returning(['id', 'channel'])
      .execute();
    await scheduleDeliveries(trx, [written!], row.quietHours, at);
    events.set(row.alertId, {
      alertId: row.alertId,
      userId: row.userId,
      bookId: row.bookId,
      storeId: row.storeId,
      oldPriceCents: report.reportedCents,
      newPriceCents,
      at: at.toISOString(),
      correction: { reportedCents: report.reportedCents, actualCents: report.actualCents },
    });
  }
  const alertIds = [...events.keys()];
  await trx.updateTable('priceAlerts').set({ armed: true, lastNotifiedCents: null }).where('id', 'in', alertIds).execute();
  await queueEvaluation(trx, report.bookId);
  return [...events.values()];
}
