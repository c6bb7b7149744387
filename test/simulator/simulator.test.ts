import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIsbn13 } from '../../src/lib/isbn.js';
import { PriceBook, STEP_MS } from '../../src/simulator/prices.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { generateStores, referencePriceCents } from '../../src/simulator/stores.js';

const ISBNS = Array.from({ length: 200 }, (_, index) => makeIsbn13('978', 300_000_000 + index));
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

  it('walks prices a step a minute, within bounds, the same way every time', () => {
    const [profile] = generateStores(3, 1);
    const start = Date.UTC(2026, 0, 1);
    const isbn = ISBNS.find((candidate) => new PriceBook(3, start).quote(profile!, candidate, start))!;
    const walk = (book: PriceBook) => [0, 10, 100, 1_000].map((steps) => book.quote(profile!, isbn, start + steps * STEP_MS)!.priceCents);
    const first = walk(new PriceBook(3, start));
    expect(walk(new PriceBook(3, start))).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
    for (const price of first) {
      expect(price).toBeGreaterThanOrEqual(Math.round(referencePriceCents(isbn) * 0.4));
      expect(price).toBeLessThanOrEqual(Math.round(referencePriceCents(isbn) * 2));
    }
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
    for (const body of [{}, { isbn13: 'x', expectedPriceCents: 1, reference: 'r' }, { isbn13: ISBNS[0], quantity: 0, expectedPriceCents: 1, reference: 'r' }, { isbn13: ISBNS[0], expectedPriceCents: 1 }]) {
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
