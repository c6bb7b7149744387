import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIsbn13 } from '../../src/lib/isbn.js';
import { ChangeLog } from '../../src/simulator/change-log.js';
import { PriceBook } from '../../src/simulator/prices.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { generateStores, referencePriceCents } from '../../src/simulator/stores.js';
import { BookWorld, inPrint } from '../../src/simulator/world.js';

const DAY_MS = 86_400_000;
/** Books of the generated catalogue blocks: all in print, each store carrying a share near its coverage. */
const ISBNS = Array.from({ length: 200 }, (_, index) => makeIsbn13('978', 700_000_000 + index));
let sim: RunningSimulator;
let store: string;

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

/** A store made fast and unlimited, so a test controls exactly what varies. */
async function quietStore(slug: string, changes: Record<string, unknown> = {}) {
  await call('PUT', `/admin/stores/${slug}`, { latencyMs: 0, errorRate: 0, rateLimitPerSecond: 10_000, down: false, ...changes });
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, stores: 12, orderStepMs: 200 });
  store = sim.simulator.profiles()[0]!.slug;
});
afterAll(() => sim.close());

describe('stores and prices', () => {
  it('generates the same network for a seed and another for another seed', () => {
    expect(generateStores(7, 12)).toEqual(generateStores(7, 12));
    expect(generateStores(8, 12).map((s) => s.name)).not.toEqual(generateStores(7, 12).map((s) => s.name));
    expect(new Set(generateStores(1, 200).map((s) => s.slug)).size).toBe(200);
  });

  it('lists stores with their shipping terms, limits and batch support', async () => {
    const { body } = await call('GET', '/admin/stores');
    expect(body).toHaveLength(12);
    expect(body[0]).toMatchObject({ slug: store, rateLimitPerSecond: expect.any(Number), latencyMs: expect.any(Number), down: false });
    expect(body[0].shipping).toHaveProperty('feeCents');
    expect(body.some((s: any) => s.supportsBatch)).toBe(true);
    expect(body.some((s: any) => !s.supportsBatch)).toBe(true);
  });

  it('quotes deterministically, carries a share of books near its coverage, and answers 404 for the rest', async () => {
    await quietStore(store);
    const profile = sim.simulator.profiles()[0]!;
    const quotes = await Promise.all(ISBNS.map((isbn) => call('GET', `/stores/${store}/books/${isbn}`)));
    const carried = quotes.filter((quote) => quote.status === 200);
    expect(quotes.every((quote) => quote.status === 200 || quote.status === 404)).toBe(true);
    expect(carried.length / ISBNS.length).toBeGreaterThan(profile.coverage - 0.15);
    expect(carried.length / ISBNS.length).toBeLessThan(profile.coverage + 0.15);
    const again = await call('GET', `/stores/${store}/books/${carried[0]!.body.isbn13}`);
    expect(again.body.priceCents).toBe(carried[0]!.body.priceCents);
    expect(Number.isInteger(again.body.priceCents)).toBe(true);
  });

  it("reprices as events at the store's own rate, with sales, the same way every time", () => {
    const [profile] = generateStores(3, 1);
    const start = Date.UTC(2026, 0, 1);
    const days = 60;
    const run = () => {
      const log = new ChangeLog();
      const book = new PriceBook(3, start, new BookWorld(3), log);
      const carried = ISBNS.filter((isbn) => book.quote(profile!, isbn, start));
      const prices = [1, 10, 30, days].map((day) => book.quote(profile!, carried[0]!, start + day * DAY_MS)!.priceCents);
      for (const isbn of carried) book.quote(profile!, isbn, start + days * DAY_MS);
      return { carried, prices, changes: log.page({ limit: 100_000 }).changes };
    };
    const first = run();
    expect(run()).toEqual(first);
    const perBookPerDay = first.changes.length / first.carried.length / days;
    // Stock flips and sale ends count too; a repricing that rounds to the same cents does not.
    expect(perBookPerDay).toBeGreaterThan(profile!.repricesPerDay * 0.7);
    expect(perBookPerDay).toBeLessThan(profile!.repricesPerDay * 1.3 + 0.2);
    expect(new Set(first.prices).size).toBeGreaterThan(1);
    for (const change of first.changes) {
      expect(change.newPriceCents).toBeGreaterThanOrEqual(Math.floor(referencePriceCents(change.isbn13) * 0.4 * 0.6));
      expect(change.newPriceCents).toBeLessThanOrEqual(Math.ceil(referencePriceCents(change.isbn13) * 2));
    }
    const sales = first.changes.filter((change) => change.kind === 'SALE_START');
    expect(sales.length).toBeGreaterThan(0);
    for (const sale of sales) {
      const cut = 1 - sale.newPriceCents / sale.oldPriceCents;
      expect(cut).toBeGreaterThan(0.14);
      expect(cut).toBeLessThan(0.41);
      const end = first.changes.find((change) => change.kind === 'SALE_END' && change.isbn13 === sale.isbn13 && change.at > sale.at);
      if (end) expect(end.at - sale.at).toBeLessThanOrEqual(24 * 3_600_000 + 1);
    }
    expect(first.changes.every((change, index) => index === 0 || change.at >= first.changes[index - 1]!.at)).toBe(true);
  });

  it('spreads repricing from several times a day to about once a week', () => {
    const rates = generateStores(1, 200).map((store) => store.repricesPerDay);
    expect(Math.max(...rates)).toBeGreaterThan(3);
    expect(Math.min(...rates)).toBeLessThan(0.3);
    expect(rates.filter((rate) => rate < 0.3).length).toBeGreaterThan(40);
  });

  it('lets the admin set a price, frozen or walking on, and computes shipping from the terms', async () => {
    const isbn = ISBNS[0]!;
    const set = await call('PUT', `/admin/stores/${store}/books/${isbn}`, { priceCents: 1234, inStock: true, freeze: true });
    expect(set.body).toMatchObject({ isbn13: isbn, priceCents: 1234, inStock: true });
    const quote = await call('GET', `/stores/${store}/books/${isbn}`);
    const profile = sim.simulator.profiles()[0]!;
    const free = profile.freeShippingOverCents !== null && 1234 >= profile.freeShippingOverCents;
    expect(quote.body).toMatchObject({ priceCents: 1234, inStock: true, shippingCents: free ? 0 : profile.shippingFeeCents });
    expect((await call('PUT', `/admin/stores/${store}/books/${isbn}`, { priceCents: -5 })).status).toBe(400);
  });
});

describe('books and the ground truth', () => {
  it("answers look-ups with the book's description, the same at every store", async () => {
    const [a, b] = sim.simulator.profiles();
    await quietStore(a!.slug);
    await quietStore(b!.slug);
    const isbn = ISBNS.find((candidate) => sim.simulator.world.carries(a!, candidate) && sim.simulator.world.carries(b!, candidate))!;
    const first = await call('GET', `/stores/${a!.slug}/books/${isbn}`);
    const second = await call('GET', `/stores/${b!.slug}/books/${isbn}`);
    expect(first.body.book).toMatchObject({ title: expect.any(String), authors: expect.any(Array), format: expect.any(String) });
    expect(first.body.book.authors.length).toBeGreaterThan(0);
    expect(second.body.book).toEqual(first.body.book);
    const curated = await call('POST', '/admin/quotes', { isbns: ['0-306-40615-2'] });
    expect(curated.body.books[0].stores.length).toBeGreaterThan(0);
  });

  it('carries a book only the partners know at the stores it was introduced to', async () => {
    const isbn = makeIsbn13('978', 123_456_789);
    const slugs = sim.simulator
      .profiles()
      .slice(6, 9)
      .map((profile) => profile.slug);
    for (const [index, slug] of slugs.entries()) {
      await quietStore(slug);
      const set = await call('PUT', `/admin/stores/${slug}/books/${isbn}`, {
        priceCents: 1500 + index,
        title: 'A Partner Only Book',
        authors: ['Ona Partner'],
        year: 2024,
      });
      expect(set.status).toBe(200);
    }
    const truth = await call('POST', '/admin/quotes', { isbns: [isbn] });
    expect(truth.body.books[0].stores.map((store: any) => store.store).sort()).toEqual([...slugs].sort());
    const quote = await call('GET', `/stores/${slugs[0]}/books/${isbn}`);
    expect(quote.body.book).toMatchObject({ title: 'A Partner Only Book', authors: ['Ona Partner'], year: 2024, subtitle: null });
    const other = sim.simulator.profiles()[10]!.slug;
    await quietStore(other);
    expect((await call('GET', `/stores/${other}/books/${isbn}`)).status).toBe(404);
    expect((await call('PUT', `/admin/stores/${slugs[0]}/books/${isbn}`, { priceCents: 1, format: 'SCROLL' })).status).toBe(400);
  });

  it('carries no book that is out of print', async () => {
    const isbn = Array.from({ length: 100 }, (_, index) => makeIsbn13('978', 100_000_000 + index)).find((candidate) => !inPrint(candidate))!;
    const truth = await call('POST', '/admin/quotes', { isbns: [isbn] });
    expect(truth.body.books[0].stores).toEqual([]);
  });

  it('logs every change with its time, filtered and paged', async () => {
    const since = new Date().toISOString();
    const [slug, otherSlug] = [sim.simulator.profiles()[0]!.slug, sim.simulator.profiles()[1]!.slug];
    await call('PUT', `/admin/stores/${slug}/books/${ISBNS[5]}`, { priceCents: 2000, inStock: true });
    await call('PUT', `/admin/stores/${slug}/books/${ISBNS[5]}`, { priceCents: 1800, inStock: false });
    await call('PUT', `/admin/stores/${otherSlug}/books/${ISBNS[5]}`, { priceCents: 1700 });
    const all = await call('GET', `/admin/changes?since=${since}&isbn=${ISBNS[5]}`);
    expect(all.body.changes.filter((change: any) => change.kind === 'ADMIN')).toHaveLength(3);
    const ours = await call('GET', `/admin/changes?since=${since}&store=${slug}&isbn=${ISBNS[5]}`);
    expect(ours.body.changes.at(-1)).toMatchObject({
      store: slug,
      isbn13: ISBNS[5],
      oldPriceCents: 2000,
      newPriceCents: 1800,
      oldInStock: true,
      inStock: false,
      kind: 'ADMIN',
    });
    const firstPage = await call('GET', `/admin/changes?since=${since}&isbn=${ISBNS[5]}&limit=1`);
    expect(firstPage.body.changes).toHaveLength(1);
    const secondPage = await call('GET', `/admin/changes?since=${since}&isbn=${ISBNS[5]}&limit=1&after=${firstPage.body.next}`);
    expect(secondPage.body.changes[0].seq).toBeGreaterThan(firstPage.body.changes[0].seq);
    expect((await call('GET', '/admin/changes?since=yesterday')).status).toBe(400);
    expect((await call('GET', '/admin/changes?limit=0')).status).toBe(400);
  });
});

describe('behaviour under stress', () => {
  it('enforces the rate limit with 429 and Retry-After, and counts them', async () => {
    const slug = sim.simulator.profiles()[1]!.slug;
    await quietStore(slug, { rateLimitPerSecond: 5 });
    await call('POST', `/admin/stores/${slug}/stats/reset`);
    const results = await Promise.all(Array.from({ length: 30 }, () => call('GET', `/stores/${slug}/books/${ISBNS[1]}`)));
    const throttled = results.filter((result) => result.status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(15);
    expect(Number(throttled[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const stats = await call('GET', `/admin/stores/${slug}/stats`);
    expect(stats.body).toMatchObject({ requests: 30, throttled: throttled.length });
  });

  it('answers 503 while a store is down and recovers when it is back', async () => {
    const slug = sim.simulator.profiles()[2]!.slug;
    await quietStore(slug, { down: true });
    expect((await call('GET', `/stores/${slug}/books/${ISBNS[2]}`)).status).toBe(503);
    await quietStore(slug, { down: false });
    expect([200, 404]).toContain((await call('GET', `/stores/${slug}/books/${ISBNS[2]}`)).status);
  });

  it('slows down and fails on demand', async () => {
    const slug = sim.simulator.profiles()[3]!.slug;
    await quietStore(slug, { latencyMs: 300, latencySigma: 0 });
    const started = Date.now();
    await call('GET', `/stores/${slug}/books/${ISBNS[3]}`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await quietStore(slug, { errorRate: 1 });
    expect((await call('GET', `/stores/${slug}/books/${ISBNS[3]}`)).status).toBe(500);
    expect((await call('PUT', `/admin/stores/${slug}`, { errorRate: 3 })).status).toBe(400);
  });

  it('answers batch look-ups only on stores that support them', async () => {
    const profiles = sim.simulator.profiles();
    const batch = profiles.find((p) => p.supportsBatch)!.slug;
    const single = profiles.find((p) => !p.supportsBatch)!.slug;
    await quietStore(batch);
    await quietStore(single);
    const result = await call('POST', `/stores/${batch}/prices`, { isbns: [...ISBNS.slice(0, 10), 'nonsense'] });
    expect(result.body.prices).toHaveLength(11);
    expect(result.body.prices.at(-1)).toEqual({ isbn13: 'nonsense', error: 'INVALID_ISBN' });
    expect((await call('POST', `/stores/${single}/prices`, { isbns: ISBNS.slice(0, 2) })).status).toBe(404);
    expect((await call('POST', `/stores/${batch}/prices`, { isbns: ISBNS.slice(0, 51) })).status).toBe(400);
  });
});

describe('orders', () => {
  async function carriedBook(slug: string) {
    for (const isbn of ISBNS) {
      const quote = await call('GET', `/stores/${slug}/books/${isbn}`);
      if (quote.status === 200) {
        await call('PUT', `/admin/stores/${slug}/books/${isbn}`, { priceCents: quote.body.priceCents, inStock: true, freeze: true });
        return { isbn, price: quote.body.priceCents as number };
      }
    }
    throw new Error('store carries none of the test books');
  }

  it('places an order at the current price, refuses a stale one with 409, and dedupes by reference', async () => {
    const slug = sim.simulator.profiles()[4]!.slug;
    await quietStore(slug);
    const { isbn, price } = await carriedBook(slug);
    const stale = await call('POST', `/stores/${slug}/orders`, { isbn13: isbn, quantity: 1, expectedPriceCents: price - 1, reference: 'r-stale' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'PRICE_CHANGED', currentPriceCents: price });
    const placed = await call('POST', `/stores/${slug}/orders`, { isbn13: isbn, quantity: 2, expectedPriceCents: price, reference: 'r-1' });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ status: 'PLACED', unitPriceCents: price, quantity: 2 });
    const again = await call('POST', `/stores/${slug}/orders`, { isbn13: isbn, quantity: 2, expectedPriceCents: price, reference: 'r-1' });
    expect(again.body.orderId).toBe(placed.body.orderId);
    expect((await call('GET', `/admin/stores/${slug}/stats`)).body.orders).toBe(1);
  });

  it('moves orders through their statuses over time and cancels only before shipping', async () => {
    const slug = sim.simulator.profiles()[5]!.slug;
    await quietStore(slug);
    const { isbn, price } = await carriedBook(slug);
    const first = await call('POST', `/stores/${slug}/orders`, { isbn13: isbn, expectedPriceCents: price, reference: 'r-a' });
    const second = await call('POST', `/stores/${slug}/orders`, { isbn13: isbn, expectedPriceCents: price, reference: 'r-b' });
    expect((await call('POST', `/stores/${slug}/orders/${first.body.orderId}/cancel`)).body.status).toBe('CANCELLED');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await call('GET', `/stores/${slug}/orders/${second.body.orderId}`)).body.status).toBe('DELIVERED');
    expect((await call('POST', `/stores/${slug}/orders/${second.body.orderId}/cancel`)).status).toBe(409);
    expect((await call('GET', `/stores/${slug}/orders/${first.body.orderId}`)).body.status).toBe('CANCELLED');
  });

  it('rejects malformed orders with 400', async () => {
    const slug = sim.simulator.profiles()[4]!.slug;
    for (const body of [
      {},
      { isbn13: 'x', expectedPriceCents: 1, reference: 'r' },
      { isbn13: ISBNS[0], quantity: 0, expectedPriceCents: 1, reference: 'r' },
      { isbn13: ISBNS[0], expectedPriceCents: 1 },
    ]) {
      expect((await call('POST', `/stores/${slug}/orders`, body)).status).toBe(400);
    }
  });
});

describe('reset', () => {
  it('returns every store to the seed state', async () => {
    await call('PUT', `/admin/stores/${store}`, { down: true });
    await call('POST', '/admin/reset');
    const { body } = await call('GET', '/admin/stores');
    expect(body[0].down).toBe(false);
    expect((await call('GET', `/admin/stores/${store}/stats`)).body.requests).toBe(0);
  });
});
