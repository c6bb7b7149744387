import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { createBook } from '../factories/catalog.js';
import { calmStores, setPrice } from '../helpers/simulator.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 53, stores: 2 });
  await calmStores(sim, { rateLimitPerSecond: 200 });
  t = await startTestApp({ environment: { PURCHASE_LIMIT: '2', PURCHASE_WINDOW_SECONDS: '3600' } });
  await t.app.services.stores.syncFromNetwork(sim.url);
});
afterAll(async () => {
  await t.close();
  await sim.close();
});

describe('purchase limits', () => {
  it('allows PURCHASE_LIMIT purchases per user and window, then answers RATE_LIMITED and records nothing; other users are not affected', async () => {
    const book = await createBook(t.app.db, { title: 'Limited' });
    for (const profile of sim.simulator.profiles()) await setPrice(sim, profile.slug, book.isbn13, 900);
    const tokenOf = async (email: string) =>
      (await t.execute<{ signUp: { token: string } }>(`mutation { signUp(email: "${email}", password: "correct horse battery") { token } }`)).data!.signUp.token;
    const [first, second] = [await tokenOf('limited@example.com'), await tokenOf('other@example.com')];
    const buy = (token: string, key: string) =>
      t.execute<{ purchaseBook: { status: string } }>(
        'mutation ($input: PurchaseBookInput!) { purchaseBook(input: $input) { status } }',
        { input: { isbn: book.isbn13, maxPriceCents: 5_000, paymentToken: 'tok_visa', idempotencyKey: key } },
        token,
      );
    expect((await buy(first, 'a')).data!.purchaseBook.status).toBe('PURCHASED');
    expect((await buy(first, 'b')).data!.purchaseBook.status).toBe('PURCHASED');
    const third = await buy(first, 'c');
    expect(third.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(third.errors?.[0]?.message).toContain('At most 2 purchases');
    expect((await buy(first, 'a')).data!.purchaseBook.status).toBe('PURCHASED'); // a retry of a done request is not a new purchase
    expect((await buy(second, 'a')).data!.purchaseBook.status).toBe('PURCHASED');
    const requests = await t.app.db.selectFrom('purchaseRequests').select(['idempotencyKey', 'status']).orderBy('id').execute();
    expect(requests.map((request) => request.idempotencyKey)).toEqual(['a', 'b', 'a']);
  });
});
