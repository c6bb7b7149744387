import { sql } from 'kysely';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBook } from '../factories/catalog.js';
import { eventually, untilSubscribed } from '../helpers/receivers.js';
import { openShop, type Shop } from '../helpers/shop.js';

let shop: Shop;
let token: string;

beforeAll(async () => {
  shop = await openShop({ seed: 71, stores: 3, runWorker: true });
  token = await shop.shopper('watcher@example.com');
});
afterAll(() => shop.close());

const priceEverywhere = (isbn: string, priceCents: number) => shop.priceEverywhere(isbn, priceCents);

describe('price alerts', () => {
  it(
    'a drop below the threshold reaches the subscriber once; the same price again does not; after a recovery a new drop does',
    { timeout: 30_000 },
    async () => {
      const book = await createBook(shop.t.app.db, { title: 'Watched Closely' });
      await priceEverywhere(book.isbn13, 2_000);
      const created = await shop.t.execute<{ createPriceAlert: { id: string; armed: boolean } }>(
        `mutation ($isbn: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 1500, channels: [SUBSCRIPTION] }) { id armed } }`,
        { isbn: book.isbn13 },
        token,
      );
      expect(created.errors).toBeUndefined();
      expect(created.data!.createPriceAlert.armed).toBe(true);

      const port = await shop.t.app.http.listen(0, '127.0.0.1');
      const client = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${token}` },
      });
      const received: { newPrice: { cents: number }; alert: { id: string } | null }[] = [];
      client.subscribe(
        { query: `subscription { priceDropped(isbn: "${book.isbn13}") { newPrice { cents } oldPrice { cents } alert { id } } }` },
        { next: (message) => void received.push((message.data as any).priceDropped), error: () => undefined, complete: () => undefined },
      );
      const user = await shop.t.app.db.selectFrom('users').select('id').where('email', '=', 'watcher@example.com').executeTakeFirstOrThrow();
      const PROBE = 1;
      await untilSubscribed(
        () =>
          shop.t.app.services.events.publish('priceDropped', String(user.id), {
            alertId: 0,
            userId: user.id,
            bookId: book.id,
            storeId: null,
            oldPriceCents: null,
            newPriceCents: PROBE,
            at: new Date().toISOString(),
          }),
        () => received.length,
      );
      const real = () => received.filter((drop) => drop.newPrice.cents !== PROBE);
      const waitFor = (count: number) => eventually(() => real().length >= count);

      await priceEverywhere(book.isbn13, 1_200);
      await waitFor(1);
      expect(real()).toHaveLength(1);
      expect(real()[0]!.alert!.id).toBe(created.data!.createPriceAlert.id);
      const landed = real()[0]!.newPrice.cents;
      expect(landed).toBeLessThanOrEqual(1_500);

      await priceEverywhere(book.isbn13, 1_200); // same price again
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(real()).toHaveLength(1);

      await priceEverywhere(book.isbn13, 2_000); // recovers: re-armed
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await priceEverywhere(book.isbn13, 1_100);
      await waitFor(2);
      expect(real()).toHaveLength(2);
      const outbox = await shop.t.app.db.selectFrom('notifications').select(['channel', 'status']).execute();
      expect(outbox).toEqual([
        { channel: 'SUBSCRIPTION', status: 'SENT' },
        { channel: 'SUBSCRIPTION', status: 'SENT' },
      ]);
      await client.dispose();
    },
  );

  it('with a minimum change, a small wiggle after a recovery does not notify again; a real new low does', { timeout: 30_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Wiggling Price' });
    await priceEverywhere(book.isbn13, 2_000);
    const created = await shop.t.execute<{ createPriceAlert: { id: string } }>(
      `mutation ($isbn: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 1500, minChangeCents: 100, channels: [SUBSCRIPTION] }) { id } }`,
      { isbn: book.isbn13 },
      token,
    );
    expect(created.errors).toBeUndefined();
    const notified = async () => {
      const rows = await shop.t.app.db
        .selectFrom('notifications as n')
        .innerJoin('priceAlerts as a', 'a.id', 'n.alertId')
        .select('n.newPriceCents')
        .where('a.bookId', '=', book.id)
        .orderBy('n.id')
        .execute();
      return rows.map((row) => row.newPriceCents);
    };
    const settle = () => new Promise((resolve) => setTimeout(resolve, 1_200));
    await priceEverywhere(book.isbn13, 1_200);
    await eventually(async () => (await notified()).length === 1);
    const first = (await notified())[0]!;
    await priceEverywhere(book.isbn13, 2_000); // recovers: re-armed
    await settle();
    await priceEverywhere(book.isbn13, 1_160); // within 100 cents of the last notice: quiet
    await settle();
    expect(await notified()).toEqual([first]);
    await priceEverywhere(book.isbn13, 1_000); // a real new low
    await eventually(async () => (await notified()).length === 2);
    expect((await notified())[1]).toBeLessThanOrEqual(first - 100);
  });

  it('holds an e-mail that falls inside quiet hours until they end', { timeout: 30_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Not At Night' });
    await priceEverywhere(book.isbn13, 2_000);
    const hour = new Date().getUTCHours();
    const at = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const created = await shop.t.execute<{ createPriceAlert: { quietHours: { to: string } } }>(
      `mutation ($isbn: String!, $from: String!, $to: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 1500,
         channels: [EMAIL], quietHours: { from: $from, to: $to, timeZone: "UTC" } }) { quietHours { to } } }`,
      { isbn: book.isbn13, from: at(hour - 1), to: at(hour + 2) },
      token,
    );
    expect(created.errors).toBeUndefined();
    await priceEverywhere(book.isbn13, 1_200);
    const outbox = () =>
      shop.t.app.db
        .selectFrom('notifications as n')
        .innerJoin('priceAlerts as a', 'a.id', 'n.alertId')
        .select(['n.id', 'n.status'])
        .where('a.bookId', '=', book.id)
        .execute();
    await eventually(async () => (await outbox()).length === 1);
    const [notification] = await outbox();
    expect(notification!.status).toBe('PENDING');
    const { rows } = await sql<{ runAt: Date }>`SELECT run_at FROM graphile_worker.jobs WHERE key = ${`deliver_notification:${notification!.id}`}`.execute(
      shop.t.app.db,
    );
    const expectedEnd = new Date();
    expectedEnd.setUTCHours(hour + 2, 0, 0, 0);
    expect(new Date(rows[0]!.runAt).getTime()).toBe(expectedEnd.getTime());
  });

  it('imports a watchlist of mixed ISBN-10 and -13, reporting the bad lines without stopping', async () => {
    const first = await createBook(shop.t.app.db, { title: 'Listed First', isbn13: '9780306406157' });
    const second = await createBook(shop.t.app.db, { title: 'Listed Second' });
    const { data, errors } = await shop.t.execute<{
      importWatchlist: { created: { book: { isbn13: string } }[]; problems: { line: number; message: string }[] };
    }>(
      `mutation ($isbns: [String!]!) { importWatchlist(isbns: $isbns, rule: BELOW, thresholdCents: 999, channels: [SUBSCRIPTION]) {
         created { book { isbn13 } } problems { line input message } } }`,
      { isbns: ['0-306-40615-2', second.isbn13, '978-0-306-40615-8', '', '9780000000002'] },
      token,
    );
    expect(errors).toBeUndefined();
    expect(data!.importWatchlist.created.map((alert) => alert.book.isbn13)).toEqual([first.isbn13, second.isbn13]);
    expect(data!.importWatchlist.problems.map((problem) => problem.line)).toEqual([3, 5]);
    expect(data!.importWatchlist.problems[0]!.message).toContain('check digit');
    expect(data!.importWatchlist.problems[1]!.message).toContain('No book');
  });

  it('refuses alerts it cannot honour, with a clear error', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Not Sold Anywhere' });
    const create = (input: string) => shop.t.execute(`mutation { createPriceAlert(input: { isbn: "${book.isbn13}", ${input} }) { id } }`, {}, token);
    expect((await create('rule: BELOW, channels: [SUBSCRIPTION]')).errors?.[0]?.message).toContain('thresholdCents');
    expect((await create('rule: DROP_PERCENT, dropPercent: 20, channels: [SUBSCRIPTION]')).errors?.[0]?.message).toContain('no price to measure a drop from');
    expect((await create('rule: BELOW, thresholdCents: 900, channels: [WEBHOOK]')).errors?.[0]?.message).toContain('webhookUrl');
    expect((await create('rule: BELOW, thresholdCents: 900, channels: []')).errors?.[0]?.message).toContain('channel');
    const anonymous = await shop.t.execute(
      `mutation { createPriceAlert(input: { isbn: "${book.isbn13}", rule: BACK_IN_STOCK, channels: [SUBSCRIPTION] }) { id } }`,
    );
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
