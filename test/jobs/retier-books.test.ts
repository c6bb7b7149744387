import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const stateOf = (bookId: number) => t.app.db.selectFrom('refreshState').selectAll().where('bookId', '=', bookId).executeTakeFirstOrThrow();

describe('refresh tiers follow demand and volatility', () => {
  it('moves a book shoppers look at into a hotter tier, a volatile one up a tier, and cools what nobody asks for', async () => {
    const books = [];
    for (let index = 0; index < 300; index++) books.push(await createBook(t.app.db, { title: `Tiered ${index}`, demandScore: 300 - index }));
    await t.app.services.refresh.trackBooks();
    const wanted = books[250]!;
    const volatile = books[50]!;
    const forgotten = books[0]!;
    expect((await stateOf(wanted.id)).tier).toBe('COLD');
    expect((await stateOf(volatile.id)).tier).toBe('LONG_TAIL');
    expect((await stateOf(forgotten.id)).tier).toBe('HOT');

    const later = new Date(Date.now() + 86_400_000);
    await t.app.db.updateTable('refreshState').set({ nextDueAt: later, lastRefreshedAt: new Date() }).execute();
    await t.app.db.updateTable('refreshState').set({ volatility: 0.4 }).where('bookId', '=', volatile.id).execute();
    await t.app.db.updateTable('refreshState').set({ demand: 0 }).where('bookId', '=', forgotten.id).execute();

    // Shoppers open the book's page and check its prices, through the API.
    for (let view = 0; view < 200; view++) {
      await t.execute('query ($isbn: String!) { book(isbn: $isbn) { title offers { ageSeconds } } }', { isbn: wanted.isbn13 });
    }
    await t.app.services.demand.flush();
    const { moved } = await t.app.services.refresh.retier();
    expect(moved).toBeGreaterThanOrEqual(3);

    const wantedNow = await stateOf(wanted.id);
    expect(wantedNow.tier).toBe('HOT');
    expect(new Date(wantedNow.nextDueAt).getTime()).toBeLessThan(Date.now() + 300_000 + 5_000); // due by the HOT interval, not tomorrow
    expect((await stateOf(volatile.id)).tier).toBe('WARM');
    expect((await stateOf(forgotten.id)).tier).toBe('COLD');
    expect(new Date((await stateOf(forgotten.id)).nextDueAt).getTime()).toBe(later.getTime()); // cooling never brings a refresh forward
  });
});
