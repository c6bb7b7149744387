import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { request } from 'undici';
import type { Database } from '../../db/database.js';
import type { Mailer, MailMessage } from '../../lib/mailer.js';
import { composeOrderMail } from '../../orders/order-mail.js';
import { deliverNotificationTask } from '../../jobs/alerts/deliver-notification.js';
import { enqueue } from '../../jobs/kit.js';

/** Attempts before a delivery is given up as DEAD (visible on the alert). */
export const MAX_DELIVERY_ATTEMPTS = 5;
const TIMEOUT_MS = 5_000;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('hex')}`;
}

/**
 * The signature header, in the style of the large webhook senders: `t=<unix seconds>,v1=<hex>`, where
 * v1 is HMAC-SHA256 of `<t>.<raw body>` with the alert's secret. Receivers recompute it and reject old
 * timestamps, so a captured request cannot be replayed later.
 */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

export type DeliveryOutcome = 'SENT' | 'RETRY' | 'DEAD' | 'GONE';

type NotificationToSend = NonNullable<Awaited<ReturnType<typeof loadNotification>>>;

function loadNotification(db: Kysely<Database>, notificationId: number) {
  return db
    .selectFrom('notifications as n')
    .innerJoin('priceAlerts as a', 'a.id', 'n.alertId')
    .innerJoin('books as b', 'b.id', 'n.bookId')
    .innerJoin('users as u', 'u.id', 'n.userId')
    .leftJoin('stores as s', 's.id', 'n.storeId')
    .leftJoin('priceReports as r', 'r.id', 'n.reportId')
    .select([
      'n.id', 'n.kind', 'n.channel', 'n.status', 'n.attempts', 'n.alertId', 'n.storeId', 'n.oldPriceCents', 'n.newPriceCents', 'n.createdAt',
      'a.rule', 'a.webhookUrl', 'a.webhookSecret', 'a.autoBuyMaxCents', 'a.autoBoughtOrderId', 'b.isbn13', 'b.title', 'u.email', 's.name as storeName', 'r.verifiedPriceCents',
    ])
    .where('n.id', '=', notificationId)
    .$narrowType<{ alertId: number; newPriceCents: number }>()
    .executeTakeFirst();
}

/**
 * Sends one outbox row on its channel (webhook or e-mail). Success marks it SENT; a failure counts an
 * attempt and, before the last, schedules the next with exponential backoff and jitter; after the last
 * it is DEAD. A row already SENT (a repeated job) is not sent again.
 */
export async function deliverNotification(
  db: Kysely<Database>,
  notificationId: number,
  options: { retryBaseMs: number; mailer: Mailer },
): Promise<DeliveryOutcome> {
  const row = await db.selectFrom('notifications').select(['id', 'kind', 'channel', 'status', 'attempts']).where('id', '=', notificationId).executeTakeFirst();
  if (!row || row.status === 'SENT' || row.status === 'DEAD') return 'GONE';
  const failure = row.kind === 'ORDER_PLACED' || row.kind === 'SHIPMENT_STATUS' ? await sendOrderMail(db, options.mailer, row.id) : await sendAlert(db, options.mailer, row.id);
  const retryBaseMs = options.retryBaseMs;
  const attempts = row.attempts + 1;
  if (failure === null) {
    await db.updateTable('notifications').set({ status: 'SENT', attempts, sentAt: new Date(), lastError: null }).where('id', '=', row.id).execute();
    return 'SENT';
  }
  const dead = attempts >= MAX_DELIVERY_ATTEMPTS;
  await db.updateTable('notifications').set({ status: dead ? 'DEAD' : 'RETRYING', attempts, lastError: failure }).where('id', '=', row.id).execute();
  if (dead) return 'DEAD';
  const delayMs = Math.round(retryBaseMs * 2 ** (attempts - 1) * (0.75 + Math.random() * 0.5));
  await enqueue(db, deliverNotificationTask, { notificationId: row.id }, { delayMs, jobKey: `deliver_notification:${row.id}` });
  return 'RETRY';
}

/** An alert's notification on its channel (webhook or e-mail): null when it went, otherwise why not. */
async function sendAlert(db: Kysely<Database>, mailer: Mailer, notificationId: number): Promise<string | null> {
  const row = await loadNotification(db, notificationId);
  if (!row) return 'the alert is gone';
  return row.channel === 'EMAIL' ? send(mailer, { to: row.email, ...mailFor(row) }) : webhook(row);
}

async function sendOrderMail(db: Kysely<Database>, mailer: Mailer, notificationId: number): Promise<string | null> {
  const mail = await composeOrderMail(db, notificationId);
  return mail ? send(mailer, mail) : 'the order has no e-mail address';
}

function webhook(row: NotificationToSend): Promise<string | null> {
  if (!row.webhookUrl || !row.webhookSecret) return Promise.resolve('the alert has no webhook URL');
  const correction = row.kind === 'CORRECTION';
  const body = JSON.stringify({
    type: correction ? 'price.corrected' : 'price.dropped', id: `ntf_${row.id}`, alertId: row.alertId, isbn13: row.isbn13, title: row.title,
    storeId: row.storeId, oldPriceCents: row.oldPriceCents, newPriceCents: row.newPriceCents, at: row.createdAt.toISOString(),
    ...(correction && { reportedPriceCents: row.oldPriceCents, actualPriceCents: storeHasPrice(row) ? row.newPriceCents : null }),
  });
  return post(row.webhookUrl, body, signWebhook(row.webhookSecret, body, Math.floor(Date.now() / 1000)));
}

/** A correction's store answered with a price (otherwise it no longer lists the book). */
function storeHasPrice(row: NotificationToSend): boolean {
  return row.verifiedPriceCents !== null;
}

function dollars(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

function mailFor(row: NotificationToSend): { subject: string; text: string } {
  const footer = `\n\nYou asked Folio to tell you (alert ${row.alertId}).\n`;
  if (row.kind === 'CORRECTION') {
    const store = row.storeName ?? 'the store';
    const actual = storeHasPrice(row) ? `${store} actually asks ${dollars(row.newPriceCents)}` : `${store} does not list it`;
    const reported = dollars(row.oldPriceCents ?? row.newPriceCents);
    return {
      subject: `Correction: “${row.title}” is not ${reported}`,
      text: `We told you “${row.title}” (ISBN ${row.isbn13}) was ${reported} at ${store}. A shopper reported that price and the store has not confirmed it: ${actual}, including shipping. Sorry for the false alarm; your alert is watching again.${footer}`,
    };
  }
  const price = dollars(row.newPriceCents);
  const was = row.oldPriceCents === null ? '' : ` (was ${dollars(row.oldPriceCents)})`;
  const what = row.rule === 'BACK_IN_STOCK' ? 'is back in stock' : row.rule === 'RISE' ? `has risen to ${price}` : `is now ${price}${was}`;
  return { subject: `“${row.title}” ${what}`, text: `“${row.title}” (ISBN ${row.isbn13}) ${what}, including shipping.${autoBuyNote(row)}${footer}` };
}

/** What auto-buy does about a price within its maximum: the order it placed, or the one it is placing. */
function autoBuyNote(row: NotificationToSend): string {
  if (row.autoBoughtOrderId !== null) return '\n\nFolio has bought it for you, as you asked: the order is in your orders.';
  if (row.autoBuyMaxCents === null || row.newPriceCents > row.autoBuyMaxCents) return '';
  return `\n\nYour auto-buy is on it: Folio buys it for you for at most ${dollars(row.autoBuyMaxCents)} once the store confirms the price, and the order appears in your orders.`;
}

async function send(mailer: Mailer, message: MailMessage): Promise<string | null> {
  try {
    await mailer.send(message);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : 'mail server error';
  }
}

/** null when the receiver took it (2xx); otherwise why not. */
async function post(url: string, body: string, signature: string): Promise<string | null> {
  try {
    const response = await request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'folio-signature': signature, 'user-agent': 'Folio-Webhooks/1' },
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    await response.body.dump();
    return response.statusCode >= 200 && response.statusCode < 300 ? null : `receiver answered ${response.statusCode}`;
  } catch (error) {
    return error instanceof Error ? error.message : 'network error';
  }
}
