import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let paperback: { id: number; isbn13: string; workId: number };

beforeAll(async () => {
  t = await startTestApp();
  paperback = await createBook(t.app.db, {
    title: 'The Example Book',
    authors: ['Ada Example', 'Ben Example'],
    isbn13: '9780306406157',
    categorySlug: 'science',
    publisher: 'Example Press',
    priceCents: 1299,
    stock: { onHand: 7, reserved: 2, sold: 1 },
  });
  await createBook(t.app.db, { title: 'The Example Book', workId: paperback.workId, format: 'HARDCOVER', isbn13: '9791090636071' });
});
afterAll(() => t.close());

const BOOK = `query($isbn: String!) { book(isbn: $isbn) {
  id isbn13 isbn10 title authors { name } publisher category { name } listPrice { cents currency amount }
  format stock work { title editions { isbn13 format } } } }`;

describe('book(isbn:)', () => {
  it('finds the same book by ISBN-10 and ISBN-13, with or without hyphens', async () => {
    const results = await Promise.all(['0-306-40615-2', '9780306406157', '978-0-306-40615-7', '0306406152'].map((isbn) => t.execute(BOOK, { isbn })));
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.book.isbn13).toBe('9780306406157');
    }
    const book = results[0]!.data!.book;
    expect(book).toMatchObject({
      isbn10: '0306406152',
      title: 'The Example Book',
      authors: [{ name: 'Ada Example' }, { name: 'Ben Example' }],
      publisher: 'Example Press',
      category: { name: 'science' },
      listPrice: { cents: 1299, currency: 'USD', amount: '12.99' },
      format: 'PAPERBACK',
      stock: 4,
    });
    expect(book.work.editions.map((edition: { format: string }) => edition.format)).toEqual(['HARDCOVER', 'PAPERBACK']);
  });

  it('returns null for a valid ISBN Folio does not list', async () => {
    const result = await t.execute(BOOK, { isbn: '9780140449136' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.book).toBeNull();
  });

  it.each([
    ['0-306-40615-3', /check digit 3.*should be 2/],
    ['978030640615', /12 characters.*10 or 13 digits/],
    ['97803O6406157', /invalid character 'O'/],
    ['hello', /invalid character 'H'/],
  ])('refuses %s with BAD_USER_INPUT naming the problem', async (isbn, message) => {
    const result = await t.execute(BOOK, { isbn });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
  });

  it('gives 979 books no ISBN-10', async () => {
    const result = await t.execute(BOOK, { isbn: '979-10-90636-07-1' });
    expect(result.data?.book).toMatchObject({ isbn13: '9791090636071', isbn10: null, format: 'HARDCOVER', stock: 0 });
  });
});

describe('node(id:)', () => {
  it('round-trips a book, its work and its category by global id', async () => {
    const found = await t.execute(BOOK, { isbn: '9780306406157' });
    const id = found.data!.book.id;
    const result = await t.execute(`query($id: ID!) { node(id: $id) { __typename id ... on Book { isbn13 work { id } category { id } } } }`, { id });
    expect(result.data?.node).toMatchObject({ __typename: 'Book', id, isbn13: '9780306406157' });
    const work = await t.execute(`query($id: ID!) { node(id: $id) { ... on Work { title editions { isbn13 } } } }`, { id: result.data!.node.work.id });
    expect(work.data?.node.editions).toHaveLength(2);
  });

  it('returns null for an unknown id and an error for garbage', async () => {
    const unknown = await t.execute(`{ node(id: "${Buffer.from('Book:999999').toString('base64')}") { id } }`);
    expect(unknown.data?.node).toBeNull();
    const garbage = await t.execute(`{ node(id: "not-a-global-id") { id } }`);
    expect(garbage.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(garbage)).not.toMatch(/at .*\.ts|SELECT/);
  });
});
