import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordObservations } from '../../src/resolvers/pricing/offer-repository.js';
import { createBook, createStore } from '../factories/catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('daily candles', () => {
  it('fold observations in whatever order they arrive: open is the earliest, close the latest', async () => {
    const book = await createBook(t.app.db, { title: 'Candles', isbn13: '9780141439587' });
    const store = await createStore(t.app.db, 'candles');
    const at = (hour: number, priceCents: number) => ({
      storeId: store.id,
      priceCents,
      shippingCents: 100,
      currency: 'USD',
      inStock: true,
      observedAt: new Date(Date.UTC(2026, 10, 20, hour)),
      source: 'CRAWL' as const,
    });
    for (const observation of [at(10, 1000), at(12, 900), at(8, 1200)]) {
      await t.app.db.transaction().execute((trx) => recordObservations(trx, book.id, [observation]));
    }
    const candle = await t.app.db.selectFrom('priceDaily').selectAll().where('bookId', '=', book.id).executeTakeFirstOrThrow();
    expect(candle).toMatchObject({ day: expect.anything(), openCents: 1300, closeCents: 1000, highCents: 1300, lowCents: 1000, sumCents: 3400, samples: 3 });
    const cross = await t.app.db.selectFrom('bookPriceDaily').selectAll().where('bookId', '=', book.id).executeTakeFirstOrThrow();
    expect(cross.samples).toBe(3);
    expect(cross.lowCents).toBeLessThanOrEqual(cross.highCents);
  });
});
