import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIsbn13 } from '../../src/lib/isbn.js';
import { inPrint } from '../../src/simulator/world.js';
import { ADDRESS } from '../factories/address.js';
import { eventually } from '../helpers/receivers.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { admin, calmStores } from '../helpers/simulator.js';

let shop: Shop;
let token: string;
let slugs: string[];
let sequence = 0;

beforeAll(async () => {
  shop = await openShop({ seed: 83, stores: 6 });
  slugs = shop.sim.simulator.profiles().map((profile) => profile.slug);
  token = await shop.shopper('discoverer@example.com');
});
afterAll(() => shop.close());

const LOOKUP = `query ($isbn: String!, $wait: Int) { bookLookup(isbn: $isbn, maxWaitMs: $wait) {
  status storesAsked storesAnswered
  book { isbn13 title subtitle publishedYear authors { name } work { id } offers { store { slug } price { cents } } }
} }`;

/** An ISBN outside the generated catalogue blocks that no store carries until a test introduces it. */
function unknownIsbn(): string {
  for (;;) {
    const isbn = makeIsbn13('978', 200_000_000 + (process.pid % 1_000) * 10_000 + ++sequence);
    if (!inPrint(isbn)) return isbn;
  }
}

/** A book only the partners know: introduced with its description at the first `stores` stores. */
async function partnersOnlyBook(title: string, authors: string[], stores = 3): Promise<string> {
  const isbn = unknownIsbn();
  for (const [index, slug] of slugs.slice(0, stores).entries()) {
    await admin(shop.sim, 'PUT', `/stores/${slug}/books/${isbn}`, { priceCents: 1_500 + index * 100, inStock: true, freeze: true, title, authors, year: 2021 });
  }
  return isbn;
}

async function lookup(isbn: string, wait = 5_000) {
  const answer = await shop.t.execute(LOOKUP, { isbn, wait });
  expect(answer.errors).toBeUndefined();
  return answer.data!.bookLookup;
}

describe('any ISBN', () => {
  it('finds a book only the partners know, with their description and every offer, and makes it searchable', async () => {
    const isbn = await partnersOnlyBook('The Lighthouse Cartographer', ['Mira Vantongeren', 'Olu Bankole']);
    const found = await lookup(isbn);
    expect(found).toMatchObject({ status: 'FOUND', storesAsked: slugs.length, storesAnswered: slugs.length });
    expect(found.book).toMatchObject({ isbn13: isbn, title: 'The Lighthouse Cartographer', subtitle: null, publishedYear: 2021 });
    expect(found.book.authors.map((author: { name: string }) => author.name)).toEqual(['Mira Vantongeren', 'Olu Bankole']);
    expect(found.book.offers.map((offer: { store: { slug: string } }) => offer.store.slug).sort()).toEqual(slugs.slice(0, 3).sort());

    let hits: string[] = [];
    await eventually(async () => {
      const search = await shop.t.execute(`{ searchBooks(query: "lighthouse cartographer") { edges { node { isbn13 } } } }`);
      hits = search.data?.searchBooks.edges.map((edge: { node: { isbn13: string } }) => edge.node.isbn13) ?? [];
      return hits.includes(isbn);
    });
    expect(hits).toContain(isbn);
    // Asked again: the book is listed now, no store is asked.
    expect(await lookup(isbn)).toMatchObject({ status: 'FOUND', storesAsked: 0 });
    expect((await shop.t.execute(`{ book(isbn: "${isbn}") { title } }`)).data?.book.title).toBe('The Lighthouse Cartographer');
  });

  it('answers NOT_CARRIED for an ISBN no store carries, and remembers it', async () => {
    const isbn = unknownIsbn();
    expect(await lookup(isbn)).toMatchObject({ status: 'NOT_CARRIED', book: null, storesAsked: slugs.length, storesAnswered: slugs.length });
    const requestsBefore = await Promise.all(slugs.map((slug) => admin(shop.sim, 'GET', `/stores/${slug}/stats`)));
    expect(await lookup(isbn)).toMatchObject({ status: 'NOT_CARRIED', storesAsked: slugs.length });
    const requestsAfter = await Promise.all(slugs.map((slug) => admin(shop.sim, 'GET', `/stores/${slug}/stats`)));
    expect(requestsAfter.map((stats) => stats.requests)).toEqual(requestsBefore.map((stats) => stats.requests));
    expect((await shop.t.execute(`{ book(isbn: "${isbn}") { title } }`)).data?.book).toBeNull();
  });

  it('says SEARCHING while stores are slow, and finds the book once they have answered', async () => {
    const isbn = await partnersOnlyBook('A Slow Answer', ['Tove Lindahl'], 2);
    await calmStores(shop.sim, { latencyMs: 1_200, latencySigma: 0 });
    try {
      const early = await lookup(isbn, 100);
      expect(early).toMatchObject({ status: 'SEARCHING', book: null, storesAsked: slugs.length, storesAnswered: 0 });
      let later = early;
      await eventually(async () => (later = await lookup(isbn, 100)).status === 'FOUND');
      expect(later.book.title).toBe('A Slow Answer');
    } finally {
      await calmStores(shop.sim, { rateLimitPerSecond: 200 });
    }
  });

  it('makes one book and one work when many shoppers ask at once, and puts a second edition in the same work', async () => {
    const isbn = await partnersOnlyBook('Harbour Lights', ['Ines Ferreira']);
    const answers = await Promise.all(Array.from({ length: 12 }, () => lookup(isbn)));
    expect(new Set(answers.map((answer) => answer.book?.isbn13))).toEqual(new Set([isbn]));
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM books WHERE isbn13 = ${isbn}`.execute(shop.t.app.db);
    expect(rows[0]!.n).toBe(1);
    const hardcover = await partnersOnlyBook('Harbour  Lights!', ['ines ferreira']);
    const second = await lookup(hardcover);
    expect(second.book.work.id).toBe(answers[0]!.book.work.id);
  });

  it('lets a shopper watch, cart and buy a book only the partners know', async () => {
    const isbn = await partnersOnlyBook('The Quiet Orchard', ['Keir Ashdown']);
    const alert = await shop.t.execute(
      `mutation ($isbn: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 1000, channels: [SUBSCRIPTION] }) { id book { title } } }`,
      { isbn },
      token,
    );
    expect(alert.errors).toBeUndefined();
    expect(alert.data!.createPriceAlert.book.title).toBe('The Quiet Orchard');
    const other = await partnersOnlyBook('The Loud Orchard', ['Keir Ashdown']);
    const cart = await shop.t.execute(
      `mutation ($isbn: String!) { addToCart(input: { isbn: $isbn, quantity: 1 }) { items { book { title } } } }`,
      { isbn: other },
      token,
    );
    expect(cart.errors).toBeUndefined();
    expect(cart.data!.addToCart.items[0].book.title).toBe('The Loud Orchard');
    const third = await partnersOnlyBook('The Bought Orchard', ['Keir Ashdown']);
    const bought = await shop.t.execute(
      `mutation ($input: PurchaseBookInput!) { purchaseBook(input: $input) { status pricePaid { cents } order { lines { book { title } } shippingAddress { city } } } }`,
      {
        input: {
          isbn: third,
          maxPriceCents: 5_000,
          paymentToken: 'tok_visa',
          idempotencyKey: `discovered-${third}`,
          shippingAddress: ADDRESS,
          maxWaitMs: 5_000,
        },
      },
      token,
    );
    expect(bought.errors).toBeUndefined();
    expect(bought.data!.purchaseBook).toMatchObject({
      status: 'PURCHASED',
      order: { lines: [{ book: { title: 'The Bought Orchard' } }], shippingAddress: { city: ADDRESS.city } },
    });
    const nowhere = await shop.t.execute(
      `mutation ($isbn: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 1000, channels: [SUBSCRIPTION] }) { id } }`,
      { isbn: unknownIsbn() },
      token,
    );
    expect(nowhere.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(nowhere.errors?.[0]?.message).toMatch(/No book with ISBN \d+ is listed or sold by any partner store/);
  });

  it('refuses a malformed ISBN or wait clearly', async () => {
    const bad = await shop.t.execute(LOOKUP, { isbn: '978-0-306-40615-8' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/check digit/);
    const wait = await shop.t.execute(LOOKUP, { isbn: '9780306406157', wait: -1 });
    expect(wait.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
