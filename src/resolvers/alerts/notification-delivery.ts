import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Agent, request } from 'undici';
import type { Database } from '../../db/database.js';
import type { Mailer, MailMessage } from '../../lib/mailer.js';
import { internalUrlReason, publicOnlyAgent } from '../../lib/public-address.js';
import { composeOrderMail } from '../../orders/order-mail.js';
import { deliverNotificationTask } from '../../jobs/alerts/deliver-notification.js';
import { enqueue } from '../../jobs/kit.js';

/** Attempts before a delivery is given up as DEAD (visible on the alert). */
export const MAX_DELIVERY_ATTEMPTS = 5;
const TIMEOUT_MS = 5_000;

/** `whsec_` and 24 random bytes in base64: the form Standard Webhooks libraries take as it is. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * The Standard Webhooks headers (standardwebhooks.com), so receivers can verify with a ready-made library:
 * `webhook-signature` is `v1,` and the base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`, keyed with the
 * secret's bytes (the base64 after `whsec_`). The id stays the same across retries of one delivery.
 */
export function standardWebhookHeaders(secret: string, id: string, body: string, timestamp: number): Record<string, string> {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` };
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

export interface DeliverySettings {
  retryBaseMs: number;
  mailer: Mailer;
  /** False in production: webhooks go to public addresses only, checked when an alert is made and at every connection. */
  webhooksMayReachPrivate: boolean;
}

/** One agent for webhook deliveries that must not reach internal addresses (made on first use). */
let publicOnly: Agent | undefined;

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
      'n.id',
      'n.kind',
      'n.channel',
      'n.status',
      'n.attempts',
      'n.alertId',
      'n.storeId',
      'n.oldPriceCents',
      'n.newPriceCents',
      'n.createdAt',
      'a.rule',
      'a.webhookUrl',
      'a.webhookSecret',
      'a.autoBuyMaxCents',
      'a.autoBoughtOrderId',
      'b.isbn13',
      'b.title',
      'u.email',
      's.name as storeName',
      'r.verifiedPriceCents',
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
export async function deliverNotification(db: Kysely<Database>, notificationId: number, options: DeliverySettings): Promise<DeliveryOutcome> {
  const row = await db.selectFrom('notifications').select(['id', 'kind', 'channel', 'status', 'attempts']).where('id', '=', notificationId).executeTakeFirst();
  if (!row || row.status === 'SENT' || row.status === 'DEAD') return 'GONE';
  const failure =
    row.kind === 'ORDER_PLACED' || row.kind === 'SHIPMENT_STATUS' ? await sendOrderMail(db, options.mailer, row.id) : await sendAlert(db, options, row.id);
  const retryBaseMs = options.retryBaseMs;
  const attempts = row.attempts + 1;
  if (failure === null) {
    await db.updateTable('notifications').set({ status: 'SENT', attempts, sentAt: new Date(), lastError: null }).where('id', '=', row.id).execute();
    return 'SENT';
  }
  const dead = attempts >= MAX_DELIVERY_ATTEMPTS;
  await db
    .updateTable('notifications')
    .set({ status: dead ? 'DEAD' : 'RETRYING', attempts, lastError: failure })
    .where('id', '=', row.id)
    .execute();
  if (dead) return 'DEAD';
  const delayMs = Math.round(retryBaseMs * 2 ** (attempts - 1) * (0.75 + Math.random() * 0.5));
  await enqueue(db, deliverNotificationTask, { notificationId: row.id }, { delayMs, jobKey: `deliver_notification:${row.id}` });
  return 'RETRY';
}

/** An alert's notification on its channel (webhook or e-mail): null when it went, otherwise why not. */
async function sendAlert(db: Kysely<Database>, options: DeliverySettings, notificationId: number): Promise<string | null> {
  const row = await loadNotification(db, notificationId);
  if (!row) return 'the alert is gone';
  return row.channel === 'EMAIL' ? send(options.mailer, { to: row.email, ...mailFor(row) }) : webhook(row, options.webhooksMayReachPrivate);
}

async function sendOrderMail(db: Kysely<Database>, mailer: Mailer, notificationId: number): Promise<string | null> {
  const mail = await composeOrderMail(db, notificationId);
  return mail ? send(mailer, mail) : 'the order has no e-mail address';
}

async function webhook(row: NotificationToSend, mayReachPrivate: boolean): Promise<string | null> {
  if (!row.webhookUrl || !row.webhookSecret) return 'the alert has no webhook URL';
  // Checked again at delivery: the address (or what its name resolves to) may have changed since the alert was made.
  const internal = mayReachPrivate ? null : await internalUrlReason(row.webhookUrl);
  if (internal) return `refused: ${internal}`;
  const correction = row.kind === 'CORRECTION';
  const body = JSON.stringify({
    type: correction ? 'price.corrected' : 'price.dropped',
    id: `ntf_${row.id}`,
    alertId: row.alertId,
    isbn13: row.isbn13,
    title: row.title,
    storeId: row.storeId,
    oldPriceCents: row.oldPriceCents,
    newPriceCents: row.newPriceCents,
    at: row.createdAt.toISOString(),
    ...(correction && { reportedPriceCents: row.oldPriceCents, actualPriceCents: storeHasPrice(row) ? row.newPriceCents : null }),
  });
  const now = Math.floor(Date.now() / 1000);
  const signatures = { 'folio-signature': signWebhook(row.webhookSecret, body, now), ...standardWebhookHeaders(row.webhookSecret, `ntf_${row.id}`, body, now) };
  return post(row.webhookUrl, body, signatures, mayReachPrivate ? undefined : (publicOnly ??= publicOnlyAgent()));
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
async function post(url: string, body: string, signatures: Record<string, string>, dispatcher?: Agent): Promise<string | null> {
  try {
    const response = await request(url, {
      method: 'POST',
      dispatcher,
      body,
      headers: { 'content-type': 'application/json', ...signatures, 'user-agent': 'Folio-Webhooks/1' },
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    await response.body.dump();
    return response.statusCode >= 200 && response.statusCode < 300 ? null : `receiver answered ${response.statusCode}`;
  } catch (error) {
    return error instanceof Error ? error.message : 'network error';
  }
}
