import { createHmac, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { request } from 'undici';
import type { Database } from '../../db/database.js';

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

/**
 * POSTs one webhook notification. Success (2xx) marks it SENT; a failure counts an attempt and, before
 * the last, schedules the next with exponential backoff and jitter; after the last it is DEAD.
 */
export async function deliverWebhook(db: Kysely<Database>, notificationId: number, retryBaseMs: number): Promise<DeliveryOutcome> {
  const row = await db
    .selectFrom('notifications as n')
    .innerJoin('priceAlerts as a', 'a.id', 'n.alertId')
    .innerJoin('books as b', 'b.id', 'n.bookId')
    .select(['n.id', 'n.status', 'n.attempts', 'n.alertId', 'n.storeId', 'n.oldPriceCents', 'n.newPriceCents', 'n.createdAt', 'a.webhookUrl', 'a.webhookSecret', 'b.isbn13', 'b.title'])
    .where('n.id', '=', notificationId)
    .executeTakeFirst();
  if (!row || row.status === 'SENT' || row.status === 'DEAD' || !row.webhookUrl || !row.webhookSecret) return 'GONE';
  const body = JSON.stringify({
    type: 'price.dropped', id: `ntf_${row.id}`, alertId: row.alertId, isbn13: row.isbn13, title: row.title, storeId: row.storeId,
    oldPriceCents: row.oldPriceCents, newPriceCents: row.newPriceCents, at: row.createdAt.toISOString(),
  });
  const failure = await post(row.webhookUrl, body, signWebhook(row.webhookSecret, body, Math.floor(Date.now() / 1000)));
  const attempts = row.attempts + 1;
  if (failure === null) {
    await db.updateTable('notifications').set({ status: 'SENT', attempts, sentAt: new Date(), lastError: null }).where('id', '=', row.id).execute();
    return 'SENT';
  }
  const dead = attempts >= MAX_DELIVERY_ATTEMPTS;
  await db.updateTable('notifications').set({ status: dead ? 'DEAD' : 'RETRYING', attempts, lastError: failure }).where('id', '=', row.id).execute();
  if (dead) return 'DEAD';
  const delayMs = Math.round(retryBaseMs * 2 ** (attempts - 1) * (0.75 + Math.random() * 0.5));
  await sql`SELECT graphile_worker.add_job('deliver_webhook', json_build_object('notificationId', ${row.id}::bigint),
    run_at => now() + ${delayMs} * interval '1 millisecond', job_key => ${`deliver_webhook:${row.id}`})`.execute(db);
  return 'RETRY';
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
