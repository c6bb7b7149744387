import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { eventually, type SmtpSink, startSmtpSink } from '../helpers/receivers.js';

let shop: Shop;
let token: string;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  shop = await openShop({ seed: 79, stores: 2, runWorker: true, environment: { SMTP_URL: sink.url, WEBHOOK_RETRY_BASE_MS: '100' } });
  token = await shop.shopper('reader@example.com');
});
afterAll(async () => {
  await shop.close();
  await sink.close();
});

describe('e-mail alerts', () => {
  it('sends one e-mail through a real SMTP server when the price drops below the threshold', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Letters Home' });
    await shop.priceEverywhere(book.isbn13, 3_000);
    const created = await shop.t.execute(
      `mutation ($isbn: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 2500, channels: [EMAIL] }) { id } }`,
      { isbn: book.isbn13 },
      token,
    );
    expect(created.errors).toBeUndefined();
    await shop.priceEverywhere(book.isbn13, 1_900);
    await eventually(() => sink.inbox.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.inbox).toHaveLength(1);
    expect(sink.inbox[0]!.to).toEqual(['reader@example.com']);
    expect(sink.inbox[0]!.raw).toContain('Letters Home');
    expect(sink.inbox[0]!.raw).toContain(book.isbn13);
    const outbox = await shop.t.app.db.selectFrom('notifications').select(['channel', 'status', 'attempts']).execute();
    expect(outbox).toEqual([{ channel: 'EMAIL', status: 'SENT', attempts: 1 }]);
  });
});
