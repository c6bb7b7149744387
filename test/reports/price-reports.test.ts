import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { eventually, startWebhookReceiver, type WebhookReceiver } from '../helpers/receivers.js';
import { makeTrusted, reportNow, reporterRecord, reportPrice, storeIds } from '../helpers/reports.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { setPrice } from '../helpers/simulator.js';

let shop: Shop;
let receiver: WebhookReceiver;
let stores: Map<string, string>;
let slugs: string[];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  shop = await openShop({ seed: 91, stores: 3, runWorker: true, environment: { REPORT_LIMIT: '5' } });
  stores = await storeIds(shop);
  slugs = shop.sim.simulator.profiles().map((profile) => profile.slug);
});
afterAll(async () => {
  await receiver.close();
  await shop.close();
});

async function watchers(isbn13: string, count: number): Promise<void> {
  for (let user = 0; user < 3; user++) {
    const token = await shop.shopper(`watcher-${user}-${isbn13}@example.com`);
    for (let alert = 0; alert < count / 3; alert++) {
      const created = await shop.t.execute(
        `mutation ($isbn: String!, $url: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: ${1_500 - alert * 10},
           channels: [SUBSCRIPTION, WEBHOOK], webhookUrl: $url }) { id } }`,
        { isbn: isbn13, url: receiver.url },
        token,
      );
      expect(created.errors).toBeUndefined();
    }
  }
}

describe('reportPrice', () => {
  it(
    'a one-cent report for a popular book from a new reporter notifies no one, is checked with the store and ends REJECTED, lowering trust',
    { timeout: 30_000 },
    async () => {
      const book = await createBook(shop.t.app.db, { title: 'Everyone Wants It' });
      await shop.priceEverywhere(book.isbn13, 2_000);
      await watchers(book.isbn13, 12);
      const token = await shop.shopper('new-reporter@example.com');
      const before = await reporterRecord(shop, token);
      expect(before).toMatchObject({ trust: 0.5, trusted: false, verified: 0, rejected: 0 });

      const filed = await reportPrice(shop, token, { isbn: book.isbn13, storeId: stores.get(slugs[0]!), priceCents: 1 });
      expect(filed.errors).toBeUndefined();
      expect(filed.data!.reportPrice.status).toBe('PENDING_VERIFICATION');
      expect(filed.data!.reportPrice.heldBecause.sort()).toEqual(['LARGE_DROP', 'LOW_TRUST', 'MANY_WATCHERS']);

      const id = filed.data!.reportPrice.id;
      await eventually(async () => (await reportNow(shop, token, id)).status !== 'PENDING_VERIFICATION');
      const settled = await reportNow(shop, token, id);
      expect(settled.status).toBe('REJECTED');
      expect(settled.verifiedPrice!.cents).toBe(2_000);
      expect(settled.reason).toContain('$20.00');
      const after = await reporterRecord(shop, token);
      expect(after).toMatchObject({ verified: 0, rejected: 1 });
      expect(after.trust).toBeLessThan(before.trust);

      // Nobody heard of it, and it left no trace in offers or history.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await shop.t.app.db.selectFrom('notifications').select('id').where('bookId', '=', book.id).execute()).toEqual([]);
      expect(receiver.received).toEqual([]);
      const db = shop.t.app.db;
      expect(await db.selectFrom('offers').select('priceCents').where('bookId', '=', book.id).where('priceCents', '<', 100).execute()).toEqual([]);
      expect(await db.selectFrom('priceObservations').select('priceCents').where('bookId', '=', book.id).where('source', '=', 'REPORT').execute()).toEqual([]);
    },
  );

  it("a trusted reporter's ordinary report updates the offer at once, and the store confirming it raises their trust", { timeout: 30_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Quietly Cheaper' });
    await shop.priceEverywhere(book.isbn13, 2_000);
    const token = await shop.shopper('trusted-reporter@example.com');
    await makeTrusted(shop, 'trusted-reporter@example.com');
    const before = await reporterRecord(shop, token);
    expect(before.trusted).toBe(true);
    await setPrice(shop.sim, slugs[1]!, book.isbn13, 1_890); // the store really did lower it

    const filed = await reportPrice(shop, token, { isbn: book.isbn13, storeId: stores.get(slugs[1]!), priceCents: 1_890, url: 'https://example.com/book' });
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.reportPrice).toMatchObject({ status: 'ACCEPTED', heldBecause: [] });
    const offers = await shop.t.execute<{ book: { offers: { price: { cents: number }; source: string; store: { slug: string } }[] } }>(
      `{ book(isbn: "${book.isbn13}") { offers { price { cents } source store { slug } } } }`,
    );
    expect(offers.data!.book.offers.find((offer) => offer.store.slug === slugs[1])).toMatchObject({ price: { cents: 1_890 } });

    const id = filed.data!.reportPrice.id;
    await eventually(async () => (await reportNow(shop, token, id)).verifiedAt !== null);
    expect(await reportNow(shop, token, id)).toMatchObject({ status: 'ACCEPTED', verifiedPrice: { cents: 1_890 } });
    const after = await reporterRecord(shop, token);
    expect(after.verified).toBe(6);
    expect(after.trust).toBeGreaterThan(before.trust);
  });

  it("a new reporter's correct report waits for the store, then is accepted", { timeout: 30_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Honest Report' });
    await shop.priceEverywhere(book.isbn13, 2_000);
    await setPrice(shop.sim, slugs[2]!, book.isbn13, 1_200);
    const token = await shop.shopper('honest@example.com');
    const filed = await reportPrice(shop, token, { isbn: book.isbn13, storeId: stores.get(slugs[2]!), priceCents: 1_200 });
    expect(filed.data!.reportPrice.status).toBe('PENDING_VERIFICATION');
    await eventually(async () => (await reportNow(shop, token, filed.data!.reportPrice.id)).verifiedAt !== null);
    expect(await reportNow(shop, token, filed.data!.reportPrice.id)).toMatchObject({ status: 'ACCEPTED', verifiedPrice: { cents: 1_200 } });
    expect(await reporterRecord(shop, token)).toMatchObject({ verified: 1, rejected: 0 });
  });

  it('refuses bad reports with a clear error and records nothing', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Reported Badly' });
    const token = await shop.shopper('careless@example.com');
    const store = stores.get(slugs[0]!);
    const now = Date.now();
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [{ isbn: '978-0-00-000000-0', storeId: store, priceCents: 999 }, 'BAD_USER_INPUT', undefined],
      [{ isbn: '9780000000002', storeId: store, priceCents: 999 }, 'BAD_USER_INPUT', 'isbn'],
      [{ isbn: book.isbn13, storeId: store, priceCents: 0 }, 'BAD_USER_INPUT', 'priceCents'],
      [{ isbn: book.isbn13, storeId: store, priceCents: 2_000_000 }, 'BAD_USER_INPUT', 'priceCents'],
      [{ isbn: book.isbn13, storeId: store, priceCents: 999, observedAt: new Date(now + 3_600_000).toISOString() }, 'BAD_USER_INPUT', 'observedAt'],
      [{ isbn: book.isbn13, storeId: store, priceCents: 999, observedAt: new Date(now - 5 * 86_400_000).toISOString() }, 'BAD_USER_INPUT', 'observedAt'],
      [{ isbn: book.isbn13, storeId: store, priceCents: 999, url: 'javascript:alert(1)' }, 'BAD_USER_INPUT', 'url'],
      [{ isbn: book.isbn13, storeId: 'U3RvcmU6OTk5OQ==', priceCents: 999 }, 'BAD_USER_INPUT', undefined],
    ];
    for (const [input, code, field] of cases) {
      const answer = await reportPrice(shop, token, input);
      expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe(code);
      if (field) expect(answer.errors![0]!.extensions!.field).toBe(field);
    }
    const anonymous = await reportPrice(shop, '', { isbn: book.isbn13, storeId: store, priceCents: 999 });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await shop.t.app.db.selectFrom('priceReports').select('id').where('bookId', '=', book.id).execute()).toEqual([]);
  });

  it('limits reports per reporter per hour, also when they arrive at once', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Reported Often' });
    await shop.priceEverywhere(book.isbn13, 2_000);
    const token = await shop.shopper('eager@example.com');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => reportPrice(shop, token, { isbn: book.isbn13, storeId: stores.get(slugs[0]!), priceCents: 1_990 })),
    );
    expect(answers.filter((answer) => answer.data?.reportPrice).length).toBe(5);
    expect(answers.filter((answer) => answer.errors?.[0]?.extensions?.code === 'RATE_LIMITED').length).toBe(3);
    expect(await shop.t.app.db.selectFrom('priceReports').select('id').where('bookId', '=', book.id).execute()).toHaveLength(5);
  });
});
