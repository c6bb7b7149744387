import { decodeGlobalID } from '@pothos/plugin-relay';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicOnlyAgent } from '../../src/lib/public-address.js';
import { createBook } from '../factories/catalog.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/receivers.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// As in production: webhooks may only go to public addresses (the default there; tests and development
// allow local receivers unless told otherwise).
let t: TestApp;
let receiver: WebhookReceiver;
let token: string;
let isbn: string;

beforeAll(async () => {
  t = await startTestApp({ environment: { WEBHOOK_ALLOW_PRIVATE: 'false' } });
  receiver = await startWebhookReceiver();
  token = (await t.execute<{ signUp: { token: string } }>('mutation { signUp(email: "ssrf@example.com", password: "correct horse battery") { token } }')).data!
    .signUp.token;
  isbn = (await createBook(t.app.db, { title: 'Guarded Hooks' })).isbn13;
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});

const CREATE = `mutation ($isbn: String!, $url: String!) {
  createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 1000, channels: [WEBHOOK], webhookUrl: $url }) { id }
}`;

describe('webhook addresses', () => {
  it.each([
    ['http://127.0.0.1:9/hook', /127\.0\.0\.1 is a private or local address/],
    ['http://10.0.0.5/hook', /10\.0\.0\.5 is a private/],
    ['http://192.168.1.20/hook', /private/],
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a private or local address/],
    ['http://[::1]/hook', /::1 is a private/],
    ['http://[::ffff:127.0.0.1]/hook', /private/],
    ['http://localhost:8080/hook', /localhost resolves to .* a private or local address/],
  ])('refuses %s when the alert is made, and writes nothing', async (url, reason) => {
    const before = await t.app.db.selectFrom('priceAlerts').select('id').execute();
    const answer = await t.execute(CREATE, { isbn, url }, token);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'webhookUrl' });
    expect(answer.errors![0]!.message).toMatch(reason);
    expect(await t.app.db.selectFrom('priceAlerts').select('id').execute()).toHaveLength(before.length);
  });

  it('accepts a public address, and checks it again at delivery: pointed inward since, nothing is sent', async () => {
    const created = await t.execute<{ createPriceAlert: { id: string } }>(CREATE, { isbn, url: 'http://93.184.216.34/hooks/folio' }, token);
    expect(created.errors).toBeUndefined();
    const alertId = Number(decodeGlobalID(created.data!.createPriceAlert.id).id);
    // The receiving end now lives on this machine, as a rebound name or an edited record would have it.
    await t.app.db.updateTable('priceAlerts').set({ webhookUrl: receiver.url }).where('id', '=', alertId).execute();
    const alert = await t.app.db.selectFrom('priceAlerts').select(['userId', 'bookId']).where('id', '=', alertId).executeTakeFirstOrThrow();
    const { id } = await t.app.db
      .insertInto('notifications')
      .values({
        alertId,
        userId: alert.userId,
        bookId: alert.bookId,
        channel: 'WEBHOOK',
        storeId: null,
        oldPriceCents: 1200,
        newPriceCents: 900,
        lastError: null,
        createdAt: new Date(),
        sentAt: null,
        reportId: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await t.app.services.alerts.deliver(id)).toBe('RETRY');
    expect(receiver.received).toEqual([]);
    const row = await t.app.db.selectFrom('notifications').select(['lastError']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.lastError).toMatch(/refused: 127\.0\.0\.1 is a private or local address/);
  });

  it('connects only where the name resolves to a public address (no gap for a name that changes its answer)', async () => {
    const refused = await request(receiver.url.replace('127.0.0.1', 'localhost'), { method: 'POST', body: '{}', dispatcher: publicOnlyAgent() }).then(
      () => 'sent',
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/localhost resolves to .* a private or local address/);
    expect(receiver.received).toEqual([]);
  });
});
