import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBook } from '../factories/catalog.js';
import { eventually, signatureHolds, type SmtpSink, startSmtpSink, startWebhookReceiver, untilSubscribed, type WebhookReceiver } from '../helpers/receivers.js';
import { openShop, type Shop } from '../helpers/shop.js';

let shop: Shop;
let token: string;
let receiver: WebhookReceiver;
let sink: SmtpSink;

beforeAll(async () => {
  [receiver, sink] = await Promise.all([startWebhookReceiver(2), startSmtpSink()]);
  shop = await openShop({ seed: 89, stores: 3, runWorker: true, environment: { SMTP_URL: sink.url, WEBHOOK_RETRY_BASE_MS: '100' } });
  token = await shop.shopper('everywhere@example.com');
});
afterAll(async () => {
  await shop.close();
  await Promise.all([receiver.close(), sink.close()]);
});

describe('one price drop, every channel', () => {
  it('reaches the subscriber, the webhook receiver (signed; after two failures) and the SMTP sink, each exactly once', { timeout: 30_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Heard Everywhere' });
    await shop.priceEverywhere(book.isbn13, 2_600);
    const created = await shop.t.execute<{ createPriceAlert: { webhookSecret: string } }>(
      `mutation ($isbn: String!, $url: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 2200,
         channels: [SUBSCRIPTION, WEBHOOK, EMAIL], webhookUrl: $url }) { webhookSecret } }`,
      { isbn: book.isbn13, url: receiver.url },
      token,
    );
    expect(created.errors).toBeUndefined();
    const port = await shop.t.app.http.listen(0, '127.0.0.1');
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const received: { priceDropped: { newPrice: { cents: number } } }[] = [];
    client.subscribe(
      { query: 'subscription { priceDropped { newPrice { cents } } }' },
      {
        next: (message) => void received.push(message.data as any),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    const user = await shop.t.app.db.selectFrom('users').select('id').where('email', '=', 'everywhere@example.com').executeTakeFirstOrThrow();
    await untilSubscribed(
      () =>
        shop.t.app.services.events.publish('priceDropped', String(user.id), {
          alertId: 0,
          userId: user.id,
          bookId: book.id,
          storeId: null,
          oldPriceCents: null,
          newPriceCents: 1,
          at: new Date().toISOString(),
        }),
      () => received.length,
    );
    const drops = {
      get length() {
        return received.filter((drop) => drop.priceDropped.newPrice.cents !== 1).length;
      },
    };

    await shop.priceEverywhere(book.isbn13, 1_700);
    await eventually(() => drops.length > 0 && sink.inbox.length > 0 && receiver.received.some((hook) => hook.answered === 204));
    await new Promise((resolve) => setTimeout(resolve, 700)); // anything extra would arrive by now
    expect(drops.length).toBe(1);
    expect(sink.inbox).toHaveLength(1);
    expect(sink.inbox[0]!.to).toEqual(['everywhere@example.com']);
    expect(receiver.received.map((hook) => hook.answered)).toEqual([503, 503, 204]);
    for (const { body, signature } of receiver.received) expect(signatureHolds(created.data!.createPriceAlert.webhookSecret, body, signature)).toBe(true);
    await client.dispose();
  });
});
