import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PriceDropEvent } from '../../src/resolvers/alerts/alert-evaluation.js';
import { createBook } from '../factories/catalog.js';
import { eventually, signatureHolds, type SmtpSink, startSmtpSink, startWebhookReceiver, untilSubscribed, type WebhookReceiver } from '../helpers/receivers.js';
import { makeTrusted, reportPrice, storeIds } from '../helpers/reports.js';
import { openShop, type Shop } from '../helpers/shop.js';

// The worker is off: each step (evaluation, delivery, verification) runs when the test says, so the
// order "notified from the report, then proven wrong" is certain.
let shop: Shop;
let receiver: WebhookReceiver;
let sink: SmtpSink;

beforeAll(async () => {
  [receiver, sink] = await Promise.all([startWebhookReceiver(), startSmtpSink()]);
  shop = await openShop({ seed: 93, stores: 3, runWorker: false, environment: { SMTP_URL: sink.url } });
});
afterAll(async () => {
  await shop.close();
  await Promise.all([receiver.close(), sink.close()]);
});

describe('a believed report that proves wrong', () => {
  it('is rejected, lowers trust, and everyone it notified hears a correction on the same channels; the alert watches again', { timeout: 30_000 }, async () => {
    const { db, services } = shop.t.app;
    const book = await createBook(db, { title: 'Not That Cheap' });
    await shop.priceEverywhere(book.isbn13, 2_000);
    const watcherToken = await shop.shopper('misled@example.com');
    const created = await shop.t.execute<{ createPriceAlert: { id: string; webhookSecret: string } }>(
      `mutation ($isbn: String!, $url: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 1800,
         channels: [SUBSCRIPTION, WEBHOOK, EMAIL], webhookUrl: $url }) { id webhookSecret } }`,
      { isbn: book.isbn13, url: receiver.url },
      watcherToken,
    );
    expect(created.errors).toBeUndefined();
    const watcher = await db.selectFrom('users').select('id').where('email', '=', 'misled@example.com').executeTakeFirstOrThrow();
    const heard: PriceDropEvent[] = [];
    const stream = services.events.subscribe('priceDropped', String(watcher.id));
    void (async () => {
      for await (const event of stream) heard.push(event);
    })();
    await untilSubscribed(
      () =>
        services.events.publish('priceDropped', String(watcher.id), {
          alertId: 0,
          userId: watcher.id,
          bookId: 0,
          storeId: null,
          oldPriceCents: null,
          newPriceCents: 1,
          at: '',
        }),
      () => heard.length,
    );
    heard.length = 0;

    const reporterToken = await shop.shopper('usually-right@example.com');
    await makeTrusted(shop, 'usually-right@example.com');
    const slug = shop.sim.simulator.profiles()[0]!.slug;
    const filed = await reportPrice(shop, reporterToken, { isbn: book.isbn13, storeId: (await storeIds(shop)).get(slug), priceCents: 1_500 });
    expect(filed.data!.reportPrice.status).toBe('ACCEPTED');
    const report = await db.selectFrom('priceReports').selectAll().where('bookId', '=', book.id).executeTakeFirstOrThrow();
    const reportedCents = report.priceCents + report.shippingCents;

    // The believed price fires the alert on every channel.
    expect(await services.alerts.evaluate(book.id)).toBe(1);
    await deliverPending(book.id);
    expect(heard.map((event) => [event.newPriceCents, event.correction ?? null])).toEqual([[reportedCents, null]]);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'price.dropped', newPriceCents: reportedCents });
    expect(sink.inbox).toHaveLength(1);

    // The store says otherwise.
    expect(await services.reports.verify(report.id, false)).toBe('REJECTED');
    await deliverPending(book.id);
    const actualCents = await db
      .selectFrom('offers')
      .select(['priceCents', 'shippingCents', 'source'])
      .where('bookId', '=', book.id)
      .where('storeId', '=', report.storeId)
      .executeTakeFirstOrThrow();
    expect(actualCents).toMatchObject({ priceCents: 2_000, source: 'VERIFY' });
    const actualTotal = actualCents.priceCents + actualCents.shippingCents;

    await eventually(() => heard.length === 2);
    expect(heard[1]).toMatchObject({ oldPriceCents: reportedCents, newPriceCents: actualTotal, correction: { reportedCents, actualCents: actualTotal } });
    const corrected = JSON.parse(receiver.received[1]!.body);
    expect(corrected).toMatchObject({ type: 'price.corrected', reportedPriceCents: reportedCents, actualPriceCents: actualTotal });
    expect(signatureHolds(created.data!.createPriceAlert.webhookSecret, receiver.received[1]!.body, receiver.received[1]!.signature)).toBe(true);
    expect(sink.inbox).toHaveLength(2);
    expect(sink.inbox[1]!.raw).toMatch(/^Subject: =\?UTF-8\?Q\?Correction=3A/m);
    expect(sink.inbox[1]!.raw).toContain('actually asks $20.00');

    const deliveries = await shop.t.execute<{ node: { armed: boolean; deliveries: { channel: string; correction: boolean; status: string }[] } }>(
      `query ($id: ID!) { node(id: $id) { ... on PriceAlert { armed deliveries { channel correction status } } } }`,
      { id: created.data!.createPriceAlert.id },
      watcherToken,
    );
    expect(deliveries.data!.node.armed).toBe(true);
    expect(
      deliveries
        .data!.node.deliveries.filter((d) => d.correction)
        .map((d) => [d.channel, d.status])
        .sort(),
    ).toEqual([
      ['EMAIL', 'SENT'],
      ['SUBSCRIPTION', 'SENT'],
      ['WEBHOOK', 'SENT'],
    ]);
    const record = await db
      .selectFrom('reporterTrust')
      .select(['verified', 'rejected'])
      .innerJoin('users', 'users.id', 'reporterTrust.userId')
      .where('users.email', '=', 'usually-right@example.com')
      .executeTakeFirstOrThrow();
    expect(record).toEqual({ verified: 5, rejected: 1 });

    // The real price does not meet the alert: nothing more is sent, and a second verification changes nothing.
    expect(await services.alerts.evaluate(book.id)).toBe(0);
    expect(await services.reports.verify(report.id, false)).toBe('SETTLED');
    expect(heard).toHaveLength(2);
    await stream.return?.();
  });
});

/** Sends the book's waiting webhooks and e-mails, as the deliver_notification jobs would. */
async function deliverPending(bookId: number): Promise<void> {
  const pending = await shop.t.app.db
    .selectFrom('notifications')
    .select('id')
    .where('bookId', '=', bookId)
    .where('status', '=', 'PENDING')
    .orderBy('id')
    .execute();
  for (const { id } of pending) await shop.t.app.services.alerts.deliver(id);
}
