import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { checkout, guestCart } from '../helpers/checkout.js';
import { eventually, type SmtpSink, startSmtpSink } from '../helpers/receivers.js';
import { openShop, type Shop } from '../helpers/shop.js';

// Fulfilment steps are due at once, so an order from Folio's warehouse is delivered within seconds.
let shop: Shop;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  shop = await openShop({
    seed: 149,
    stores: 1,
    runWorker: true,
    environment: { SMTP_URL: sink.url, FULFILMENT_STEP_SECONDS: '0', WEBHOOK_RETRY_BASE_MS: '100' },
  });
});
afterAll(async () => {
  await shop.close();
  await sink.close();
});

const mailTo = (address: string) => sink.inbox.filter((mail) => mail.to.includes(address));
/** The Subject header, unfolded (long headers continue on indented lines). */
const subjectOf = (raw: string) => /^Subject: (.*)$/m.exec(raw.replace(/\r?\n[ \t]+/g, ' '))?.[1]?.trim() ?? '';

describe('order e-mails', () => {
  it(
    'a confirmation and one e-mail per shipment step, each once, with the order number and the tracking number once shipped',
    { timeout: 30_000 },
    async () => {
      const book = await createBook(shop.t.app.db, { title: 'Post Haste', priceCents: 1_100, stock: { onHand: 2 } });
      const token = await shop.shopper('mail@example.com');
      await shop.t.execute('mutation ($isbn: String!) { addToCart(input: { isbn: $isbn, quantity: 1 }) { version } }', { isbn: book.isbn13 }, token);
      const placed = await checkout(shop, { idempotencyKey: 'mail-1' }, token);
      expect(placed.data!.checkout.status).toBe('PLACED');
      const order = await shop.t.app.db
        .selectFrom('orders')
        .innerJoin('shipments', 'shipments.orderId', 'orders.id')
        .select(['orders.id', 'orders.number', 'shipments.id as shipmentId'])
        .orderBy('orders.id', 'desc')
        .executeTakeFirstOrThrow();

      await eventually(() => mailTo('mail@example.com').length >= 5);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const mails = mailTo('mail@example.com');
      // Each is its own job, so they may arrive in any order.
      expect(mails.map((mail) => subjectOf(mail.raw)).sort()).toEqual(
        [
          `Your Folio order ${order.number} is placed`,
          ...['processing', 'packed', 'shipped', 'delivered'].map((status) => `Your Folio order ${order.number}: the parcel from Folio is ${status}`),
        ].sort(),
      );
      const about = (ending: string) => mails.find((mail) => subjectOf(mail.raw).endsWith(ending))!.raw;
      expect(about('is placed')).toContain('Post Haste');
      const shipped = await shop.t.app.db.selectFrom('shipments').select('trackingNumber').where('id', '=', order.shipmentId).executeTakeFirstOrThrow();
      expect(about('is shipped')).toContain(shipped.trackingNumber!);
      const outbox = await shop.t.app.db
        .selectFrom('notifications')
        .select(['kind', 'status', 'attempts'])
        .where('orderId', '=', order.id)
        .orderBy('id')
        .execute();
      expect(outbox).toEqual([
        { kind: 'ORDER_PLACED', status: 'SENT', attempts: 1 },
        ...Array.from({ length: 4 }, () => ({ kind: 'SHIPMENT_STATUS', status: 'SENT', attempts: 1 })),
      ]);
    },
  );

  it('a guest who gave an e-mail hears of the order; one who gave none gets nothing sent', { timeout: 30_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Sent To A Guest', priceCents: 600, stock: { onHand: 3 } });
    for (const [key, email] of [
      ['guest-mail-1', 'guest.mail@example.com'],
      ['guest-mail-2', undefined],
    ] as const) {
      const cartToken = await guestCart(shop, [{ isbn: book.isbn13, quantity: 1 }]);
      const placed = await checkout(shop, { cartToken, idempotencyKey: key, email });
      expect(placed.data!.checkout.status).toBe('PLACED');
    }
    await eventually(() => mailTo('guest.mail@example.com').length >= 5);
    expect(subjectOf(mailTo('guest.mail@example.com')[0]!.raw)).toMatch(/^Your Folio order F-\d{2}-\d{6} is placed$/);
    const unaddressed = await shop.t.app.db
      .selectFrom('notifications')
      .innerJoin('orders', 'orders.id', 'notifications.orderId')
      .select('notifications.id')
      .where('orders.email', 'is', null)
      .where('orders.userId', 'is', null)
      .execute();
    expect(unaddressed).toEqual([]);
  });
});
