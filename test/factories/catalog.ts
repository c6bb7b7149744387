import { type Kysely, sql } from 'kysely';
import type { BookFormat, Database } from '../../src/db/database.js';
import { makeIsbn13 } from '../../src/lib/isbn.js';

let sequence = 0;

export interface BookSpec {
  title: string;
  subtitle?: string | null;
  description?: string;
  authors?: string[];
  isbn13?: string;
  workId?: number;
  format?: BookFormat;
  language?: string;
  categorySlug?: string;
  publisher?: string;
  priceCents?: number;
  publishedYear?: number;
  demandScore?: number;
  stock?: { onHand: number; reserved?: number; sold?: number };
}

async function idOf(db: Kysely<Database>, table: 'categories' | 'publishers', column: 'slug' | 'name', value: string, insert: Record<string, string>) {
  const existing = await db
    .selectFrom(table)
    .select('id')
    .where(column as never, '=', value as never)
    .executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto(table)
    .values(insert as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts a book with its work, authors, category, publisher and optional stock; returns the row ids. */
export async function createBook(db: Kysely<Database>, spec: BookSpec): Promise<{ id: number; isbn13: string; workId: number }> {
  sequence++;
  const isbn13 = spec.isbn13 ?? makeIsbn13('978', 900_000_000 + (process.pid % 90_000) * 1_000 + sequence);
  const workId =
    spec.workId ??
    (
      await db
        .insertInto('works')
        .values({ title: spec.title, description: spec.description ?? null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const categoryId = spec.categorySlug ? await idOf(db, 'categories', 'slug', spec.categorySlug, { slug: spec.categorySlug, name: spec.categorySlug }) : null;
  const publisherId = spec.publisher ? await idOf(db, 'publishers', 'name', spec.publisher, { name: spec.publisher }) : null;
  const authors = spec.authors ?? ['Test Author'];
  const authorIds: number[] = [];
  for (const name of authors) authorIds.push((await db.insertInto('authors').values({ name }).returning('id').executeTakeFirstOrThrow()).id);
  const book = await db
    .insertInto('books')
    .values({
      isbn13,
      workId,
      title: spec.title,
      subtitle: spec.subtitle ?? null,
      authorNames: authors.join(', '),
      authorIds,
      publisherId,
      publishedYear: spec.publishedYear ?? 2020,
      language: spec.language ?? 'en',
      categoryId,
      format: spec.format ?? 'PAPERBACK',
      listPriceCents: spec.priceCents ?? 1500,
      priceCents: spec.priceCents ?? 1500,
      inStock: (spec.stock?.onHand ?? 0) > (spec.stock?.sold ?? 0) + (spec.stock?.reserved ?? 0),
      demandScore: spec.demandScore ?? 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [position, authorId] of authorIds.entries()) {
    await db.insertInto('bookAuthors').values({ bookId: book.id, authorId, position }).execute();
  }
  if (spec.stock) {
    // Books made at once may all find no warehouse yet: the first insert wins, the others use it.
    await db
      .insertInto('warehouses')
      .values({ code: 'test', name: 'Test warehouse' })
      .onConflict((conflict) => conflict.column('code').doNothing())
      .execute();
    const warehouse = await db.selectFrom('warehouses').select('id').orderBy('id').executeTakeFirstOrThrow();
    await db
      .insertInto('inventory')
      .values({ warehouseId: warehouse.id, bookId: book.id, onHand: spec.stock.onHand, reserved: spec.stock.reserved ?? 0, sold: spec.stock.sold ?? 0 })
      .execute();
  }
  return { id: book.id, isbn13, workId };
}

/** A partner store row for tests that write offers directly (its API is never called). */
export async function createStore(db: Kysely<Database>, slug: string): Promise<{ id: number }> {
  return db
    .insertInto('stores')
    .values({ slug, name: slug, kind: 'PARTNER', apiBaseUrl: 'http://127.0.0.1:1', rateLimitPerSecond: 1, burst: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A book's past across stores: one daily close per entry (its low too), the last one yesterday. */
export async function createPastCloses(db: Kysely<Database>, bookId: number, closes: readonly number[]): Promise<void> {
  for (const [index, close] of closes.entries()) {
    const daysAgo = closes.length - index;
    await sql`
      INSERT INTO book_price_daily (book_id, day, open_cents, high_cents, low_cents, close_cents, sum_cents, samples, first_at, last_at)
      VALUES (${bookId}, current_date - ${daysAgo}::int, ${close}, ${close}, ${close}, ${close}, ${close}, 1,
              now() - ${daysAgo} * interval '1 day', now() - ${daysAgo} * interval '1 day')`.execute(db);
  }
}
