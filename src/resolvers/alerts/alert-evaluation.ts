import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, PriceAlertsTable, Transaction } from '../../db/database.js';
import { deliverableAt } from './quiet-hours.js';
import { autoBuyTask } from '../../jobs/alerts/auto-buy.js';
import { deliverNotificationTask } from '../../jobs/alerts/deliver-notification.js';
import { evaluateAlertsTask } from '../../jobs/alerts/evaluate-alerts.js';
import { enqueue, enqueueMany } from '../../jobs/kit.js';

export type AlertRow = Selectable<PriceAlertsTable>;

/** What a subscriber of priceDropped receives (JSON-safe: it may travel through Redis). */
export interface PriceDropEvent {
  alertId: number;
  userId: number;
  bookId: number;
  storeId: number | null;
  oldPriceCents: number | null;
  newPriceCents: number;
  at: string;
  /** Set when this retracts an earlier notification that a wrong price report caused. */
  correction?: { reportedCents: number; actualCents: number | null } | null;
}

interface OfferPrice {
  bookId: number;
  storeId: number;
  totalCents: number;
  inStock: boolean;
  source: string;
}

/**
 * The alert's price: the lowest in-stock landed price at its store (or any store), for its book or —
 * for an any-edition alert — across every edition of the work; null when none has it.
 */
function priceFor(alert: AlertRow, offers: OfferPrice[]): OfferPrice | null {
  const candidates = offers.filter(
    (offer) => offer.inStock && (alert.workId !== null || offer.bookId === alert.bookId) && (alert.storeId === null || offer.storeId === alert.storeId),
  );
  return candidates.reduce<OfferPrice | null>((best, offer) => (!best || offer.totalCents < best.totalCents ? offer : best), null);
}

/** Whether the alert's condition holds at this price. */
export function conditionHolds(alert: Pick<AlertRow, 'rule' | 'thresholdCents' | 'dropPercent' | 'referenceCents'>, priceCents: number | null): boolean {
  if (priceCents === null) return false;
  switch (alert.rule) {
    case 'BELOW':
      return priceCents <= alert.thresholdCents!;
    case 'RISE':
      return priceCents >= alert.thresholdCents!;
    case 'DROP_PERCENT':
      return alert.referenceCents !== null && priceCents <= Math.floor((alert.referenceCents * (100 - alert.dropPercent!)) / 100);
    case 'BACK_IN_STOCK':
      return true;
  }
}

/**
 * After a book's offers changed: finds its alerts (and those on any edition of its work) by index,
 * fires the armed ones whose condition now holds — disarming them and writing one outbox row per
 * channel, in one transaction — and re-arms those whose condition no longer holds (the price recovered),
 * so the same price never notifies twice and a new drop notifies again.
 */
export async function evaluateAlerts(db: Kysely<Database>, bookId: number): Promise<PriceDropEvent[]> {
  return db.transaction().execute(async (trx) => {
    const alerts = await alertsOfBook(trx, bookId);
    if (alerts.length === 0) return [];
    const offers = await offerPrices(
      trx,
      bookId,
      alerts.some((alert) => alert.workId !== null),
    );
    const fired: PriceDropEvent[] = [];
    for (const alert of alerts) {
      const price = priceFor(alert, offers);
      const holds = conditionHolds(alert, price?.totalCents ?? null);
      if (holds && alert.armed && price && farEnough(alert, price.totalCents)) {
        fired.push(await fire(trx, alert, price));
      } else if (!holds && !alert.armed) {
        await trx.updateTable('priceAlerts').set({ armed: true }).where('id', '=', alert.id).execute();
      }
    }
    return fired;
  });
}

/** Evaluates the book's alerts again soon (one pending evaluation per book), once the transaction commits. */
export async function queueEvaluation(trx: Transaction, bookId: number): Promise<void> {
  await enqueue(trx, evaluateAlertsTask, { bookId }, { jobKey: `evaluate_alerts:${bookId}` });
}

/** A new notification needs a price at least minChangeCents away from the one last notified. */
function farEnough(alert: AlertRow, priceCents: number): boolean {
  return alert.lastNotifiedCents === null || Math.abs(priceCents - alert.lastNotifiedCents) >= alert.minChangeCents;
}

/** Live alerts that hear of a change to this book: its own, and those on any edition of its work (both by index). */
export function alertsWatching(bookId: number) {
  return sql`deleted_at IS NULL AND (expires_at IS NULL OR expires_at > now())
    AND ((work_id IS NULL AND book_id = ${bookId})
      OR (work_id IS NOT NULL AND work_id = (SELECT work_id FROM books WHERE id = ${bookId})))`;
}

async function alertsOfBook(trx: Transaction, bookId: number): Promise<AlertRow[]> {
  const { rows } = await sql<AlertRow>`SELECT * FROM price_alerts WHERE ${alertsWatching(bookId)} ORDER BY id FOR UPDATE`.execute(trx);
  return rows;
}

/** The book's offers; with any-edition alerts among those watching it, every edition's. */
async function offerPrices(trx: Transaction, bookId: number, wholeWork: boolean): Promise<OfferPrice[]> {
  const books = wholeWork ? sql`(SELECT id FROM books WHERE work_id = (SELECT work_id FROM books WHERE id = ${bookId}))` : sql`(${bookId})`;
  const { rows } = await sql<OfferPrice>`
    SELECT book_id, store_id, (price_cents + shipping_cents)::bigint AS total_cents, in_stock, source
    FROM offers WHERE book_id IN ${books}`.execute(trx);
  return rows;
}

/** The accepted report an offer came from: if it proves wrong, whoever this notifies gets a correction. */
async function reportBehind(trx: Transaction, price: OfferPrice): Promise<number | null> {
  const report = await trx
    .selectFrom('priceReports')
    .select('id')
    .where('bookId', '=', price.bookId)
    .where('storeId', '=', price.storeId)
    .where('status', '=', 'ACCEPTED')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return report?.id ?? null;
}

async function fire(trx: Transaction, alert: AlertRow, price: OfferPrice): Promise<PriceDropEvent> {
  const bookId = price.bookId;
  await trx
    .updateTable('priceAlerts')
    .set({ armed: false, lastNotifiedCents: price.totalCents, lastNotifiedAt: new Date() })
    .where('id', '=', alert.id)
    .execute();
  const reportId = price.source === 'REPORT' ? await reportBehind(trx, price) : null;
  const at = new Date();
  const outbox = await trx
    .insertInto('notifications')
    .values(
      alert.channels.map((channel) => ({
        alertId: alert.id,
        userId: alert.userId,
        channel,
        bookId,
        storeId: price.storeId,
        oldPriceCents: alert.lastNotifiedCents ?? alert.referenceCents,
        newPriceCents: price.totalCents,
        createdAt: at,
        reportId,
      })),
    )
    .returning(['id', 'channel'])
    .execute();
  if (alert.autoBuyMaxCents !== null && alert.autoBoughtOrderId === null && price.totalCents <= alert.autoBuyMaxCents) {
    await enqueue(
      trx,
      autoBuyTask,
      { alertId: alert.id, priceCents: price.totalCents },
      { jobKey: `auto_buy:${alert.id}`, queueName: `auto_buy:${alert.userId}` },
    );
  }
  await scheduleDeliveries(trx, outbox, alert.quietHours, at);
  return {
    alertId: alert.id,
    userId: alert.userId,
    bookId,
    storeId: price.storeId,
    oldPriceCents: alert.lastNotifiedCents ?? alert.referenceCents,
    newPriceCents: price.totalCents,
    at: at.toISOString(),
  };
}

/**
 * Deliveries that leave the process are jobs added in the transaction that wrote their outbox rows:
 * none is lost, none sent early; those falling in the alert's quiet hours wait for their end.
 */
export async function scheduleDeliveries(
  trx: Transaction,
  outbox: { id: number; channel: string }[],
  quietHours: AlertRow['quietHours'],
  at: Date,
): Promise<void> {
  const sendAt = deliverableAt(at, quietHours);
  const deliveries = outbox.filter((entry) => entry.channel !== 'SUBSCRIPTION');
  await enqueueMany(
    trx,
    deliverNotificationTask,
    deliveries.map((row) => ({ payload: { notificationId: row.id }, runAt: sendAt, jobKey: `deliver_notification:${row.id}` })),
  );
}
