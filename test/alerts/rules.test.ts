import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { storeIds } from '../helpers/reports.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { setPrice } from '../helpers/simulator.js';

// The worker is off: the test evaluates alerts itself after each price change, so every step is certain.
let shop: Shop;
let token: string;
let slugs: string[];
let globalIds: Map<string, string>;

beforeAll(async () => {
  shop = await openShop({ seed: 97, stores: 3, runWorker: false });
  token = await shop.shopper('rules@example.com');
  slugs = shop.sim.simulator.profiles().map((profile) => profile.slug);
  globalIds = await storeIds(shop);
});
afterAll(() => shop.close());

/** Sets prices at some stores (null: out of stock) and has Folio hear them live. */
async function pricesAt(isbn13: string, prices: Record<string, number | null>): Promise<void> {
  for (const [slug, price] of Object.entries(prices)) await setPrice(shop.sim, slug, isbn13, price ?? 2_000, price !== null);
  await shop.t.execute(`{ book(isbn: "${isbn13}") { offers(maxAgeSeconds: 0) { total { cents } } } }`);
}

async function alert(isbn: string, rule: string): Promise<string> {
  const created = await shop.t.execute<{ createPriceAlert: { id: string } }>(
    `mutation ($isbn: String!) { createPriceAlert(input: { isbn: $isbn, channels: [SUBSCRIPTION], ${rule} }) { id } }`,
    { isbn },
    token,
  );
  expect(created.errors).toBeUndefined();
  return created.data!.createPriceAlert.id;
}

/** Alerts that fired (and the book and store they fired for) since the last look. */
async function firedSince(after: number) {
  return shop.t.app.db.selectFrom('notifications').select(['id', 'bookId', 'storeId', 'newPriceCents']).where('id', '>', after).orderBy('id').execute();
}

async function lastNotification(): Promise<number> {
  const row = await shop.t.app.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

const evaluate = (bookId: number) => shop.t.app.services.alerts.evaluate(bookId);

describe('alert rules', () => {
  it('DROP_PERCENT measures from the price when set', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Percent Off' });
    await shop.priceEverywhere(book.isbn13, 3_000);
    await alert(book.isbn13, 'rule: DROP_PERCENT, dropPercent: 20');
    await shop.priceEverywhere(book.isbn13, 2_700); // 10 % off: not yet
    expect(await evaluate(book.id)).toBe(0);
    await shop.priceEverywhere(book.isbn13, 2_000); // a third off
    expect(await evaluate(book.id)).toBe(1);
  });

  it('RISE fires when the price climbs to the threshold', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Going Up' });
    await shop.priceEverywhere(book.isbn13, 2_000);
    await alert(book.isbn13, 'rule: RISE, thresholdCents: 2500');
    expect(await evaluate(book.id)).toBe(0);
    await shop.priceEverywhere(book.isbn13, 2_600);
    expect(await evaluate(book.id)).toBe(1);
  });

  it('BACK_IN_STOCK fires when a store has it again, not while every store is out', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Sold Out' });
    await pricesAt(book.isbn13, Object.fromEntries(slugs.map((slug) => [slug, null])));
    await alert(book.isbn13, 'rule: BACK_IN_STOCK');
    expect(await evaluate(book.id)).toBe(0);
    await pricesAt(book.isbn13, { [slugs[1]!]: 1_800 });
    expect(await evaluate(book.id)).toBe(1);
  });

  it('an alert for one store ignores the others', async () => {
    const book = await createBook(shop.t.app.db, { title: 'One Shop Only' });
    await shop.priceEverywhere(book.isbn13, 2_000);
    await alert(book.isbn13, `rule: BELOW, thresholdCents: 1500, storeId: "${globalIds.get(slugs[0]!)}"`);
    const before = await lastNotification();
    await pricesAt(book.isbn13, { [slugs[1]!]: 1_000 });
    expect(await evaluate(book.id)).toBe(0);
    await pricesAt(book.isbn13, { [slugs[0]!]: 1_200 });
    expect(await evaluate(book.id)).toBe(1);
    const [fired] = await firedSince(before);
    const store = await shop.t.app.db.selectFrom('stores').select('id').where('slug', '=', slugs[0]!).executeTakeFirstOrThrow();
    expect(fired!.storeId).toBe(store.id);
  });

  it('an any-edition alert hears a drop on another edition of the work; an alert on one edition does not', async () => {
    const hardcover = await createBook(shop.t.app.db, { title: 'Two Editions', format: 'HARDCOVER' });
    const paperback = await createBook(shop.t.app.db, { title: 'Two Editions', format: 'PAPERBACK', workId: hardcover.workId });
    await shop.priceEverywhere(hardcover.isbn13, 3_000);
    await shop.priceEverywhere(paperback.isbn13, 2_000);
    await alert(hardcover.isbn13, 'rule: BELOW, thresholdCents: 1500, anyEdition: true');
    await alert(hardcover.isbn13, 'rule: BELOW, thresholdCents: 1500');
    const before = await lastNotification();
    await shop.priceEverywhere(paperback.isbn13, 1_200);
    expect(await evaluate(paperback.id)).toBe(1);
    const [fired] = await firedSince(before);
    expect(fired!.bookId).toBe(paperback.id);
    // The hardcover's own change is judged across both editions too: the paperback is still the lowest,
    // so the alert is not re-armed and the same paperback price does not notify twice.
    await shop.priceEverywhere(hardcover.isbn13, 2_900);
    expect(await evaluate(hardcover.id)).toBe(0);
    expect(await evaluate(paperback.id)).toBe(0);
  });

  it('an expired alert stays silent', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Too Late' });
    await shop.priceEverywhere(book.isbn13, 2_000);
    await alert(book.isbn13, 'rule: BELOW, thresholdCents: 1500');
    await sql`UPDATE price_alerts SET expires_at = now() - interval '1 minute' WHERE book_id = ${book.id}`.execute(shop.t.app.db);
    await shop.priceEverywhere(book.isbn13, 1_000);
    expect(await evaluate(book.id)).toBe(0);
  });
});
