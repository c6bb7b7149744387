import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { createBook } from '../factories/catalog.js';
import { calmStores } from '../helpers/simulator.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, stores: 5 });
  await calmStores(sim, { rateLimitPerSecond: 50 });
  t = await startTestApp({ runWorker: true });
  await t.app.services.stores.syncFromNetwork(sim.url);
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

describe('scheduled price refresh', () => {
  it('tiers books by demand, queues the due ones, and the worker records their offers as CRAWL', async () => {
    const hot = await createBook(t.app.db, { title: 'Refreshed Soon', isbn13: '9780141439518', demandScore: 999 });
    const cold = await createBook(t.app.db, { title: 'Refreshed Later', isbn13: '9780141441146', demandScore: 0 });
    await t.app.services.refresh.trackBooks();
    const tiers = await t.app.db.selectFrom('refreshState').select(['bookId', 'tier']).execute();
    expect(tiers).toEqual(
      expect.arrayContaining([
        { bookId: hot.id, tier: 'HOT' },
        { bookId: cold.id, tier: 'COLD' },
      ]),
    );
    await t.app.db
      .updateTable('refreshState')
      .set({ nextDueAt: new Date(Date.now() - 1000) })
      .where('bookId', '=', hot.id)
      .execute();

    expect(await t.app.services.refresh.scheduleDue(100)).toBe(1);
    expect(await t.app.services.refresh.scheduleDue(100)).toBe(0);

    let offers: { source: string }[] = [];
    for (let attempt = 0; attempt < 100 && offers.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      offers = await t.app.db.selectFrom('offers').select('source').where('bookId', '=', hot.id).execute();
    }
    expect(offers.length).toBeGreaterThan(0);
    expect(new Set(offers.map((offer) => offer.source))).toEqual(new Set(['CRAWL']));
    const state = await t.app.db.selectFrom('refreshState').selectAll().where('bookId', '=', hot.id).executeTakeFirstOrThrow();
    for (let attempt = 0; attempt < 50 && !state.lastRefreshedAt; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      Object.assign(state, await t.app.db.selectFrom('refreshState').selectAll().where('bookId', '=', hot.id).executeTakeFirstOrThrow());
    }
    expect(state.lastRefreshedAt).not.toBeNull();
    expect(new Date(state.nextDueAt).getTime()).toBeGreaterThan(Date.now() + 200_000);
    const cold_offers = await sql<{ n: number }>`SELECT count(*)::int AS n FROM offers WHERE book_id = ${cold.id}`.execute(t.app.db);
    expect(cold_offers.rows[0]!.n).toBe(0);
  });
});
