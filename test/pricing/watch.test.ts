import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { registry } from '../../src/lib/metrics.js';
import { crossingOdds, crossingShare, StoreRepricing } from '../../src/resolvers/pricing/watch/crossing-odds.js';
import { createBook } from '../factories/catalog.js';
import { eventually, untilSubscribed } from '../helpers/receivers.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { admin, setPrice, storeStats } from '../helpers/simulator.js';

/** The objective shortened for the test: every watched pair re-checked every few seconds. */
const OBJECTIVE_SECONDS = 4;

let shop: Shop;
let token: string;

beforeAll(async () => {
  shop = await openShop({
    seed: 97,
    stores: 4,
    runWorker: true,
    environment: { WATCH_OBJECTIVE_SECONDS: String(OBJECTIVE_SECONDS), WATCH_RELOAD_SECONDS: '0.5' },
  });
  token = await shop.shopper('watcher@example.com');
});
afterAll(() => shop.close());

/** A BELOW alert of the test's shopper, by subscription; its id. */
async function watch(isbn: string, thresholdCents: number): Promise<string> {
  const created = await shop.t.execute<{ createPriceAlert: { id: string } }>(
    `mutation ($isbn: String!, $threshold: Int!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: $threshold, channels: [SUBSCRIPTION] }) { id } }`,
    { isbn, threshold: thresholdCents },
    token,
  );
  expect(created.errors).toBeUndefined();
  return created.data!.createPriceAlert.id;
}

describe('watched means fresh', () => {
  it('a drop at one store of a book nobody opens reaches the watcher within the objective, with no look-up by anyone', { timeout: 60_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Nobody Opens This' });
    await shop.priceEverywhere(book.isbn13, 2_000);
    await watch(book.isbn13, 1_500);
    const port = await shop.t.app.http.listen(0, '127.0.0.1');
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const received: { newPrice: { cents: number }; store: { slug: string } }[] = [];
    client.subscribe(
      { query: `subscription { priceDropped { newPrice { cents } store { slug } } }` },
      { next: (message) => void received.push((message.data as any).priceDropped), error: () => undefined, complete: () => undefined },
    );
    const user = await shop.t.app.db.selectFrom('users').select('id').where('email', '=', 'watcher@example.com').executeTakeFirstOrThrow();
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
    // Let the planner take the book in, then change one store's price behind everyone's back.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const slug = shop.sim.simulator.profiles()[2]!.slug;
    const changedAt = Date.now();
    await setPrice(shop.sim, slug, book.isbn13, 1_100);
    let heard: (typeof received)[number] | undefined;
    for (let waited = 0; waited < 30_000 && !heard; waited += 100) {
      heard = received.find((drop) => drop.newPrice.cents !== 1);
      if (!heard) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const latencyMs = Date.now() - changedAt;
    expect(heard?.store.slug).toBe(slug);
    // The objective plus the time to record, evaluate and deliver (the demand tiers would take a day).
    expect(latencyMs).toBeLessThan((OBJECTIVE_SECONDS + 10) * 1000);
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/folio_watched_pair_age_seconds_count [1-9]/);
    await client.dispose();
  });

  it('keeps every watched pair within the objective while the budget allows, and leaves unwatched books alone', { timeout: 60_000 }, async () => {
    const watched = await createBook(shop.t.app.db, { title: 'Watched Book' });
    const unwatched = await createBook(shop.t.app.db, { title: 'Unwatched Book' });
    for (const book of [watched, unwatched]) await shop.priceEverywhere(book.isbn13, 3_000);
    await watch(watched.isbn13, 1_000);
    const ages = async (bookId: number) => {
      const rows = await shop.t.app.db.selectFrom('offers').select('fetchedAt').where('bookId', '=', bookId).execute();
      return rows.map((row) => (Date.now() - row.fetchedAt.getTime()) / 1000);
    };
    await new Promise((resolve) => setTimeout(resolve, (OBJECTIVE_SECONDS * 2 + 3) * 1000));
    const watchedAges = await ages(watched.id);
    expect(watchedAges).toHaveLength(4);
    for (const age of watchedAges) expect(age).toBeLessThan(OBJECTIVE_SECONDS + 3);
    for (const age of await ages(unwatched.id)) expect(age).toBeGreaterThan(OBJECTIVE_SECONDS * 2);
    const health = await shop.t.execute(
      `{ stores { edges { node { slug kind health { watched { offers fresh oldestSeconds } tiers { tier offers fresh } } } } } }`,
    );
    expect(health.errors).toBeUndefined();
    for (const edge of health.data!.stores.edges.filter((candidate: any) => candidate.node.kind === 'PARTNER')) {
      expect(edge.node.health.watched.offers).toBeGreaterThanOrEqual(1);
      expect(edge.node.health.watched.fresh).toBe(edge.node.health.watched.offers);
    }
  });

  it('stops watching a book whose alert is deleted', { timeout: 60_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Briefly Watched' });
    await shop.priceEverywhere(book.isbn13, 2_500);
    const alertId = await watch(book.isbn13, 1_000);
    await eventually(async () => (await shop.t.app.db.selectFrom('watchedBooks').select('bookId').where('bookId', '=', book.id).execute()).length === 1);
    await shop.t.execute(`mutation ($id: ID!) { deletePriceAlert(id: $id) }`, { id: alertId }, token);
    await eventually(async () => (await shop.t.app.db.selectFrom('watchedBooks').select('bookId').where('bookId', '=', book.id).execute()).length === 0);
    const slug = shop.sim.simulator.profiles()[0]!.slug;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await admin(shop.sim, 'POST', `/stores/${slug}/stats/reset`);
    await new Promise((resolve) => setTimeout(resolve, (OBJECTIVE_SECONDS + 2) * 1000));
    const asked = await shop.t.app.db.selectFrom('offers').select('fetchedAt').where('bookId', '=', book.id).execute();
    for (const offer of asked) expect(Date.now() - offer.fetchedAt.getTime()).toBeGreaterThan(OBJECTIVE_SECONDS * 1000);
    expect((await storeStats(shop.sim, slug)).requests).toBeLessThan(20);
  });
});

describe('where a crossing is likeliest', () => {
  it('ranks a price at the threshold above one far from it, and any change for a cart or stock watch', () => {
    const store = new StoreRepricing();
    const watch = { firesAtOrBelowCents: 1_000, firesAtOrAboveCents: null, anyChange: false };
    expect(crossingShare({ totalCents: 990, inStock: true }, watch, store)).toBe(1);
    const near = crossingShare({ totalCents: 1_030, inStock: true }, watch, store);
    const far = crossingShare({ totalCents: 2_000, inStock: true }, watch, store);
    expect(near).toBeGreaterThan(0.5);
    expect(far).toBeLessThan(0.02);
    expect(crossingShare({ totalCents: 2_000, inStock: true }, { ...watch, anyChange: true }, store)).toBe(1);
    expect(crossingShare({ totalCents: null, inStock: null }, watch, store)).toBe(1);
    expect(crossingOdds(60_000, 1 / 3_600_000, near)).toBeGreaterThan(crossingOdds(60_000, 1 / 3_600_000, far));
  });

  it("learns a store's repricing rate, change size and cuts from its checks", () => {
    const busy = new StoreRepricing();
    const quiet = new StoreRepricing();
    const discounter = new StoreRepricing();
    for (let index = 0; index < 200; index++) {
      busy.observe(600_000, index % 2 === 0 ? 0.1 : null);
      quiet.observe(600_000, index % 50 === 0 ? 0.02 : null);
      // Everyday changes of 2 %, and one change in ten a cut of about a quarter.
      discounter.observe(600_000, index % 10 === 0 ? 0.25 : index % 2 === 0 ? -0.02 : null);
    }
    expect(busy.ratePerMs).toBeGreaterThan(quiet.ratePerMs * 10);
    expect(busy.typicalChange).toBeGreaterThan(quiet.typicalChange);
    expect(discounter.typicalChange).toBeCloseTo(0.02, 2);
    // A price 20 % over the threshold: within reach of the discounter's cuts, of nobody else's everyday changes.
    const watch = { firesAtOrBelowCents: 1_000, firesAtOrAboveCents: null, anyChange: false };
    const far = { totalCents: 1_250, inStock: true };
    expect(crossingShare(far, watch, discounter)).toBeGreaterThan(0.15);
    expect(crossingShare(far, watch, quiet)).toBeLessThan(0.02);
    expect(discounter.cutAtLeast(0.3)).toBeLessThan(discounter.cutAtLeast(0.2));
  });
});
