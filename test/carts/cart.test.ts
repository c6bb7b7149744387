import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { storeIds } from '../helpers/reports.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { setPrice } from '../helpers/simulator.js';

// Redis is configured: cart reads go through the cache, and every change must still be seen at once.
let shop: Shop;
let slugs: string[];
let stores: Map<string, string>;

beforeAll(async () => {
  shop = await openShop({ seed: 101, stores: 2, runWorker: false, environment: { REDIS_URL: 'redis://127.0.0.1:6379' } });
  slugs = shop.sim.simulator.profiles().map((profile) => profile.slug);
  stores = await storeIds(shop);
});
afterAll(() => shop.close());

const CART =
  'id version itemCount token subtotal { cents } items { book { isbn13 } store { slug } quantity unitPrice { cents } currentPrice { cents } priceChanged }';

interface CartAnswer {
  id: string;
  version: number;
  itemCount: number;
  token: string | null;
  subtotal: { cents: number };
  items: {
    book: { isbn13: string };
    store: { slug: string } | null;
    quantity: number;
    unitPrice: { cents: number };
    currentPrice: { cents: number } | null;
    priceChanged: boolean;
  }[];
}

async function call(field: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const answer = await shop.t.execute<Record<string, CartAnswer>>(query, variables, token);
  return { cart: answer.data?.[field] ?? null, errors: answer.errors };
}

const createCart = () => call('createCart', `mutation { createCart { ${CART} } }`);
const add = (input: Record<string, unknown>, token?: string) =>
  call('addToCart', `mutation ($input: AddToCartInput!) { addToCart(input: $input) { ${CART} } }`, { input }, token);
const update = (input: Record<string, unknown>, token?: string) =>
  call('updateCartItem', `mutation ($input: UpdateCartItemInput!) { updateCartItem(input: $input) { ${CART} } }`, { input }, token);
const read = (cartToken?: string, token?: string) =>
  call('cart', `query ($cartToken: String) { cart(cartToken: $cartToken) { ${CART} } }`, { cartToken }, token);

async function ownBook(title: string, units = 10) {
  return createBook(shop.t.app.db, { title, priceCents: 1_800, stock: { onHand: units } });
}

describe('guest carts', () => {
  it('adds, updates, removes and clears lines, each change bumping the version', async () => {
    const book = await ownBook('Cart Basics');
    const created = await createCart();
    const cartToken = created.cart!.token!;
    expect(cartToken).toMatch(/^cart_/);
    expect(created.cart!.version).toBe(1);

    const added = await add({ cartToken, isbn: book.isbn13, quantity: 2 });
    expect(added.errors).toBeUndefined();
    expect(added.cart).toMatchObject({ version: 2, itemCount: 2, token: null, subtotal: { cents: 3_600 } });
    expect(added.cart!.items[0]).toMatchObject({ store: { slug: 'folio' }, unitPrice: { cents: 1_800 }, priceChanged: false });
    expect((await read(cartToken)).cart).toMatchObject({ version: 2, itemCount: 2 });

    expect((await update({ cartToken, isbn: book.isbn13, quantity: 5 })).cart).toMatchObject({ version: 3, itemCount: 5 });
    expect((await read(cartToken)).cart!.itemCount).toBe(5);
    expect((await update({ cartToken, isbn: book.isbn13, quantity: 0 })).cart).toMatchObject({ version: 4, items: [] });
    await add({ cartToken, isbn: book.isbn13, quantity: 1 });
    const cleared = await call('clearCart', `mutation ($cartToken: String) { clearCart(cartToken: $cartToken) { ${CART} } }`, { cartToken });
    expect(cleared.cart).toMatchObject({ version: 6, items: [] });
  });

  it('applies a retried add with the same idempotency key once, and refuses the key for a different add', async () => {
    const book = await ownBook('Added Once');
    const cartToken = (await createCart()).cart!.token!;
    const first = await add({ cartToken, isbn: book.isbn13, quantity: 2, idempotencyKey: 'add-1' });
    const again = await add({ cartToken, isbn: book.isbn13, quantity: 2, idempotencyKey: 'add-1' });
    expect(again.cart).toMatchObject({ itemCount: 2, version: first.cart!.version });
    const different = await add({ cartToken, isbn: book.isbn13, quantity: 3, idempotencyKey: 'add-1' });
    expect(different.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => add({ cartToken, isbn: book.isbn13, quantity: 1, idempotencyKey: 'add-2' })));
    expect(concurrent.every((answer) => answer.errors === undefined)).toBe(true);
    expect((await read(cartToken)).cart!.itemCount).toBe(3);
  });

  it('refuses a change based on a stale version with CONFLICT: of two tabs, one wins and the other is told', async () => {
    const book = await ownBook('Two Tabs');
    const cartToken = (await createCart()).cart!.token!;
    const { version } = (await add({ cartToken, isbn: book.isbn13, quantity: 1 })).cart!;
    const [tabA, tabB] = await Promise.all([
      update({ cartToken, isbn: book.isbn13, quantity: 4, version }),
      update({ cartToken, isbn: book.isbn13, quantity: 7, version }),
    ]);
    const outcomes = [tabA, tabB].map((answer) => answer.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    const loser = [tabA, tabB].find((answer) => answer.errors)!;
    expect(loser.errors![0]!.extensions!.currentVersion).toBe(version + 1);
    const winner = [tabA, tabB].find((answer) => !answer.errors)!;
    expect((await read(cartToken)).cart!.itemCount).toBe(winner.cart!.itemCount);
  });

  it('keeps every line of adds racing on one cart, and each answer shows the lines of its own version', async () => {
    const books = await Promise.all(Array.from({ length: 12 }, (_, i) => ownBook(`Racing Line ${i}`)));
    const cartToken = (await createCart()).cart!.token!;
    const answers = await Promise.all(books.map((book) => add({ cartToken, isbn: book.isbn13, quantity: 1 })));
    expect(answers.every((answer) => answer.errors === undefined)).toBe(true);
    // Versions 2..13, one per add; the answer at version v holds v - 1 lines (every add before it and its own).
    expect(answers.map((answer) => answer.cart!.version).sort((a, b) => a - b)).toEqual(books.map((_, i) => i + 2));
    for (const answer of answers) expect(answer.cart!.items).toHaveLength(answer.cart!.version - 1);
    expect((await read(cartToken)).cart).toMatchObject({ version: 13, itemCount: 12 });

    const stale = await add({ cartToken, isbn: books[0]!.isbn13, quantity: 1, version: 5 });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 13 });
    expect((await read(cartToken)).cart).toMatchObject({ version: 13, itemCount: 12 });
    expect((await add({ cartToken, isbn: books[0]!.isbn13, quantity: 1, version: 13 })).cart).toMatchObject({ version: 14, itemCount: 13 });
  });

  it('shows a partner line whose price moved as priceChanged, with the current price', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Moving Price' });
    await shop.priceEverywhere(book.isbn13, 2_000);
    const cartToken = (await createCart()).cart!.token!;
    const added = await add({ cartToken, isbn: book.isbn13, quantity: 1, storeId: stores.get(slugs[0]!) });
    expect(added.cart!.items[0]).toMatchObject({ store: { slug: slugs[0] }, unitPrice: { cents: 2_000 }, priceChanged: false });
    await setPrice(shop.sim, slugs[0]!, book.isbn13, 2_300);
    await shop.t.execute(`{ book(isbn: "${book.isbn13}") { offers(maxAgeSeconds: 0) { total { cents } } } }`);
    const line = (await read(cartToken)).cart!.items[0]!;
    expect(line).toMatchObject({ unitPrice: { cents: 2_000 }, currentPrice: { cents: 2_300 }, priceChanged: true });
  });

  it('refuses bad input clearly and changes nothing', async () => {
    const book = await ownBook('Careful Cart', 1);
    const cartToken = (await createCart()).cart!.token!;
    const codes = async (input: Record<string, unknown>) => (await add({ cartToken, ...input })).errors?.[0]?.extensions;
    expect(await codes({ isbn: book.isbn13, quantity: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    expect(await codes({ isbn: book.isbn13, quantity: 100 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    expect(await codes({ isbn: '9780000000002', quantity: 1 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'isbn' });
    expect((await add({ cartToken: 'cart_unknown', isbn: book.isbn13, quantity: 1 })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'cartToken',
    });
    expect((await add({ isbn: book.isbn13, quantity: 1 })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await update({ cartToken, isbn: book.isbn13, quantity: 2 })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'isbn' });
    expect((await read(cartToken)).cart).toMatchObject({ version: 1, items: [] });
  });

  it('an abandoned cart expires', async () => {
    const cartToken = (await createCart()).cart!.token!;
    await sql`UPDATE carts SET expires_at = now() - interval '1 second' WHERE guest_token_hash IS NOT NULL AND version = 1 AND id = (SELECT max(id) FROM carts)`.execute(
      shop.t.app.db,
    );
    expect((await read(cartToken)).cart).toBeNull();
    expect(await shop.t.app.services.carts.sweepExpired()).toBeGreaterThan(0);
  });
});

describe('signed-in carts', () => {
  it('keeps every line of a guest cart on sign-in, adding quantities to the same lines', async () => {
    const shared = await ownBook('In Both Carts');
    const guestOnly = await ownBook('Only As Guest');
    const token = await shop.shopper('merger@example.com');
    await add({ isbn: shared.isbn13, quantity: 1 }, token);
    const cartToken = (await createCart()).cart!.token!;
    await add({ cartToken, isbn: shared.isbn13, quantity: 2 });
    await add({ cartToken, isbn: guestOnly.isbn13, quantity: 3 });

    const signedIn = await shop.t.execute<{ signIn: { token: string } }>(
      'mutation ($cartToken: String) { signIn(email: "merger@example.com", password: "correct horse battery", cartToken: $cartToken) { token } }',
      { cartToken },
    );
    expect(signedIn.errors).toBeUndefined();
    const mine = (await read(undefined, token)).cart!;
    const quantities = Object.fromEntries(mine.items.map((item) => [item.book.isbn13, item.quantity]));
    expect(quantities).toEqual({ [shared.isbn13]: 3, [guestOnly.isbn13]: 3 });
    expect((await read(cartToken)).cart).toBeNull();
  });

  it('lets no one else read a user cart by id, and no one reach a guest cart by id', async () => {
    const book = await ownBook('Private Cart');
    const owner = await shop.shopper('cart-owner@example.com');
    const other = await shop.shopper('cart-snoop@example.com');
    const mine = (await add({ isbn: book.isbn13, quantity: 1 }, owner)).cart!;
    const byNode = (token?: string, id = mine.id) =>
      shop.t.execute<{ node: { id: string } | null }>('query ($id: ID!) { node(id: $id) { ... on Cart { id version } } }', { id }, token);
    expect((await byNode(owner)).data!.node).toMatchObject({ id: mine.id });
    expect((await byNode(other)).data!.node).toBeNull();
    expect((await byNode()).data!.node).toBeNull();
    const guest = (await createCart()).cart!;
    expect((await byNode(owner, guest.id)).data!.node).toBeNull();
    // Another user's cart is never reached through the signed-in paths either: each sees their own.
    expect((await read(undefined, other)).cart).toBeNull();
  });
});
