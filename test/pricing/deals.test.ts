import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeals } from '../../src/resolvers/pricing/deals.js';
import { recordObservations } from '../../src/resolvers/pricing/offer-repository.js';
import { rebuildWatchedBooks } from '../../src/resolvers/pricing/watch/watch-repository.js';
import { createBook, createPastCloses, createStore } from '../factories/catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let storeId: number;
beforeAll(async () => {
  t = await startTestApp({ environment: { DEALS_CACHE_SECONDS: '0' } });
  storeId = (await createStore(t.app.db, 'deals-store')).id;
});
afterAll(() => t.close());

const DEALS = `query ($kind: DealKind!, $first: Int, $after: String) {
  deals(kind: $kind, first: $first, after: $after) {
    totalCount
    edges { cursor price { cents } was { cents } percentOff node { title } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface DealsAnswer {
  deals: {
    totalCount: number;
    edges: { cursor: string; price: { cents: number } | null; was: { cents: number } | null; percentOff: number | null; node: { title: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** A book with a past: one daily close per entry, the last one yesterday. */
async function bookWithPast(title: string, closes: number[]): Promise<{ id: number; isbn13: string }> {
  const book = await createBook(t.app.db, { title });
  await createPastCloses(t.app.db, book.id, closes);
  return book;
}

/** A store's price today, through the write path every refresh takes. */
async function priceNow(bookId: number, totalCents: number, inStock = true): Promise<void> {
  await t.app.db
    .transaction()
    .execute((trx) =>
      recordObservations(trx, bookId, [
        { storeId, priceCents: totalCents, shippingCents: 0, currency: 'USD', inStock, observedAt: new Date(), source: 'CRAWL' },
      ]),
    );
}

async function deals(kind: string, first?: number, after?: string) {
  const answer = await t.execute<DealsAnswer>(DEALS, { kind, first, after });
  expect(answer.errors).toBeUndefined();
  return answer.data!.deals;
}

describe('deals', () => {
  let quarterOff: { id: number; isbn13: string };
  let smallDrop: { id: number; isbn13: string };

  beforeAll(async () => {
    quarterOff = await bookWithPast('Quarter Off', Array(30).fill(2000));
    smallDrop = await bookWithPast('Small Drop', [1000, ...Array(28).fill(1400), 1300]);
    const young = await bookWithPast('Too Young For Lows', [900, 900, 900]);
    const risen = await bookWithPast('Risen', Array(10).fill(1000));
    await priceNow(quarterOff.id, 1500);
    await priceNow(smallDrop.id, 1200);
    await priceNow(young.id, 800);
    await priceNow(risen.id, 1100);
  });

  it("lists today's drops against yesterday's close, biggest first", async () => {
    const drops = await deals('BIGGEST_DROPS');
    expect(drops.edges.map((edge) => [edge.node.title, edge.was?.cents, edge.price?.cents, edge.percentOff])).toEqual([
      ['Quarter Off', 2000, 1500, 25],
      ['Too Young For Lows', 900, 800, 11.1],
      ['Small Drop', 1300, 1200, 7.7],
    ]);
    expect(drops.totalCount).toBe(3);
  });

  it('lists 30-day lows (at least a week of prices, under the average), furthest under first', async () => {
    const lows = await deals('LOWEST_IN_30_DAYS');
    // Small Drop is under its average but not at its low (1000 a month ago); the young book has 3 days.
    expect(lows.edges.map((edge) => [edge.node.title, edge.was?.cents, edge.price?.cents, edge.percentOff])).toEqual([['Quarter Off', 2000, 1500, 25]]);
  });

  it('follows the price: a book that recovers leaves the lists, one that runs out shows no price', async () => {
    await priceNow(quarterOff.id, 2100);
    expect((await deals('BIGGEST_DROPS')).edges.map((edge) => edge.node.title)).not.toContain('Quarter Off');
    expect((await deals('LOWEST_IN_30_DAYS')).edges).toEqual([]);
    await priceNow(quarterOff.id, 1500);
    expect((await deals('BIGGEST_DROPS')).edges[0]!.node.title).toBe('Quarter Off');
    await priceNow(smallDrop.id, 1200, false);
    expect((await deals('BIGGEST_DROPS')).edges.map((edge) => edge.node.title)).not.toContain('Small Drop');
  });

  it('pages with cursors and refuses bad arguments clearly', async () => {
    const first = await deals('BIGGEST_DROPS', 1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await deals('BIGGEST_DROPS', 1, first.pageInfo.endCursor!);
    expect(second.edges.map((edge) => edge.node.title)).toEqual(['Too Young For Lows']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    for (const [variables, field] of [
      [{ first: 0 }, 'first'],
      [{ first: 51 }, 'first'],
      [{ after: 'nonsense' }, 'after'],
    ] as const) {
      const answer = await t.execute(DEALS, { kind: 'BIGGEST_DROPS', ...variables });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('lists books shoppers began watching for a price, newest first', async () => {
    const token = (
      await t.execute<{ signUp: { token: string } }>('mutation { signUp(email: "deals@example.com", password: "correct horse battery") { token } }')
    ).data!.signUp.token;
    for (const book of [smallDrop, quarterOff]) {
      const created = await t.execute(
        `mutation ($isbn: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 999, channels: [SUBSCRIPTION] }) { id } }`,
        { isbn: book.isbn13 },
        token,
      );
      expect(created.errors).toBeUndefined();
      await rebuildWatchedBooks(t.app.db);
    }
    const watched = await deals('RECENTLY_WATCHED');
    expect(watched.edges.map((edge) => [edge.node.title, edge.price?.cents ?? null])).toEqual([
      ['Quarter Off', 1500],
      ['Small Drop', null],
    ]);
    const next = await deals('RECENTLY_WATCHED', 1, (await deals('RECENTLY_WATCHED', 1)).pageInfo.endCursor!);
    expect(next.edges.map((edge) => edge.node.title)).toEqual(['Small Drop']);
  });

  it('serves a page from memory for the cache time, then reads again', async () => {
    const cached = createDeals({ db: t.app.db, catalog: t.app.services.catalog, cacheSeconds: 60 });
    const before = await cached.page('BIGGEST_DROPS', null, 5);
    await priceNow(quarterOff.id, 2500);
    expect((await cached.page('BIGGEST_DROPS', null, 5)).books.map((book) => book.title)).toEqual(before.books.map((book) => book.title));
    const fresh = createDeals({ db: t.app.db, catalog: t.app.services.catalog, cacheSeconds: 0 });
    expect((await fresh.page('BIGGEST_DROPS', null, 5)).books.map((book) => book.title)).not.toContain('Quarter Off');
  });
});
