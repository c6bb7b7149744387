import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { eventually, signatureHolds, startWebhookReceiver, type WebhookReceiver } from '../helpers/receivers.js';
import { openShop, type Shop } from '../helpers/shop.js';

let shop: Shop;
let token: string;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver(2);
  shop = await openShop({ seed: 73, stores: 2, runWorker: true, environment: { WEBHOOK_RETRY_BASE_MS: '100' } });
  token = await shop.shopper('hooked@example.com');
});
afterAll(async () => {
  await receiver.close();
  await shop.close();
});

describe('webhooks', () => {
  it('delivers a signed webhook once, after retrying a receiver that failed twice, and shows the attempts on the alert', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Hooked' });
    await shop.priceEverywhere(book.isbn13, 2_500);
    const created = await shop.t.execute<{ createPriceAlert: { id: string; webhookSecret: string } }>(
      `mutation ($isbn: String!, $url: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 2000, channels: [WEBHOOK], webhookUrl: $url }) { id webhookSecret } }`,
      { isbn: book.isbn13, url: receiver.url },
      token,
    );
    expect(created.errors).toBeUndefined();
    const { id, webhookSecret } = created.data!.createPriceAlert;
    expect(webhookSecret).toMatch(/^whsec_/);

    await shop.priceEverywhere(book.isbn13, 1_500);
    await eventually(() => receiver.received.some((entry) => entry.answered === 204));
    await new Promise((resolve) => setTimeout(resolve, 500)); // nothing more may arrive

    expect(receiver.received.map((entry) => entry.answered)).toEqual([503, 503, 204]);
    for (const { body, signature } of receiver.received) {
      expect(signatureHolds(webhookSecret, body, signature)).toBe(true);
      expect(JSON.parse(body)).toMatchObject({ type: 'price.dropped', isbn13: book.isbn13 });
    }
    expect(signatureHolds('whsec_someone-else', receiver.received[0]!.body, receiver.received[0]!.signature)).toBe(false);
    expect(new Set(receiver.received.map((entry) => JSON.parse(entry.body).id)).size).toBe(1);
    // The same deliveries verify with the Standard Webhooks library, one webhook-id across the retries.
    for (const { body, headers } of receiver.received) expect(new Webhook(webhookSecret).verify(body, headers)).toMatchObject({ type: 'price.dropped' });
    expect(new Set(receiver.received.map((entry) => entry.headers['webhook-id'])).size).toBe(1);
    expect(() =>
      new Webhook(`whsec_${Buffer.from('someone else entirely!').toString('base64')}`).verify(receiver.received[0]!.body, receiver.received[0]!.headers),
    ).toThrow();

    const view = await shop.t.execute<{ node: { deliveries: unknown[] } }>(
      `query ($id: ID!) { node(id: $id) { ... on PriceAlert { deliveries { channel status attempts lastError sentAt } } } }`,
      { id },
      token,
    );
    expect(view.data!.node.deliveries).toEqual([{ channel: 'WEBHOOK', status: 'SENT', attempts: 3, lastError: null, sentAt: expect.any(String) }]);
  });
});
