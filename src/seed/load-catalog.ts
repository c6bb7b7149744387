import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/database.js';
import { refreshSearchTerms } from '../resolvers/catalog/search-terms.js';
import { trackBooks } from '../resolvers/pricing/refresh-schedule.js';
import { parseIsbn } from '../lib/isbn.js';
import { type GeneratedBook, type GeneratedWork, authorName, generateWorks, publisherName } from './catalog-generator.js';
import { copyLine, copyRows } from './copy.js';
import { CURATED_WORKS } from './demo-books.js';
import { Random } from './random.js';
import { CATEGORIES } from './vocabulary.js';

export interface LoadOptions {
  books: number;
  seed?: number;
  /** Includes the curated classics (fixed ISBNs) used by the README's examples. */
  curated?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface LoadResult {
  books: number;
  works: number;
  authors: number;
  publishers: number;
  seconds: number;
}

const BATCH_BOOKS = 20_000;
/** Above this many books, secondary indexes are dropped and rebuilt once: far cheaper than per-row upkeep. */
const REBUILD_INDEXES_ABOVE = 100_000;
const WAREHOUSES = [
  ['east', 'Folio East (Newark)'],
  ['central', 'Folio Central (Columbus)'],
  ['west', 'Folio West (Reno)'],
] as const;

const BOOK_COLUMNS = [
  'id',
  'isbn13',
  'work_id',
  'title',
  'subtitle',
  'author_names',
  'author_ids',
  'publisher_id',
  'published_year',
  'language',
  'category_id',
  'format',
  'list_price_cents',
  'price_cents',
  'in_stock',
  'demand_score',
];

export async function loadCatalog(pool: pg.Pool, options: LoadOptions): Promise<LoadResult> {
  const started = Date.now();
  const client = await pool.connect();
  try {
    const categoryIds = await ensureCategories(client);
    const warehouseIds = await ensureWarehouses(client);
    const seed = options.seed ?? 20261124;
    const random = new Random(seed ^ 0x5eed);
    const next = await nextIds(client);
    const authorCount = Math.max(50, Math.round(options.books / 5));
    const publisherCount = Math.max(20, Math.min(5_000, Math.round(options.books / 400)));

    const authors = Array.from({ length: authorCount }, (_, index) => ({ id: next.authors + index, name: authorName(random) }));
    const publishers = Array.from({ length: publisherCount }, (_, index) => ({ id: next.publishers + index, name: publisherName(next.publishers + index) }));
    await copyRows(
      client,
      'authors',
      ['id', 'name'],
      authors.map((a) => copyLine([a.id, a.name])),
    );
    await copyRows(
      client,
      'publishers',
      ['id', 'name'],
      publishers.map((p) => copyLine([p.id, p.name])),
    );
    await resetSequences(client);

    const rebuild = options.books >= REBUILD_INDEXES_ABOVE ? await dropSecondaryIndexes(client) : [];
    let works = 0;
    let books = 0;
    if (options.curated) {
      const curated = await loadCurated(client, categoryIds);
      works += curated.works;
      books += curated.books;
    }
    const after = await nextIds(client);
    const plan = {
      seed,
      books: options.books,
      firstBookId: after.books,
      firstWorkId: after.works,
      authorIds: authors.map((a) => a.id),
      authorNames: new Map(authors.map((a) => [a.id, a.name])),
      publisherIds: publishers.map((p) => p.id),
      categoryIds,
      warehouseIds,
      isbnOffset: after.books,
    };
    let batch: GeneratedWork[] = [];
    let batchBooks = 0;
    for (const work of generateWorks(plan)) {
      batch.push(work);
      batchBooks += work.books.length;
      if (batchBooks >= BATCH_BOOKS) {
        await copyWorks(client, batch);
        works += batch.length;
        books += batchBooks;
        options.onProgress?.(books, options.books);
        batch = [];
        batchBooks = 0;
      }
    }
    await copyWorks(client, batch);
    works += batch.length;
    books += batchBooks;
    options.onProgress?.(books, options.books);

    await rebuildIndexes(pool, rebuild);
    await resetSequences(client);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await refreshSearchTerms(kysely);
    await trackBooks(kysely);
    // Freshly copied rows carry no visibility hints yet; set them now rather than on the first reads.
    await client.query('VACUUM (ANALYZE) categories, publishers, authors, works, books, book_authors, inventory');
    return { books, works, authors: authorCount, publishers: publisherCount, seconds: (Date.now() - started) / 1000 };
  } finally {
    client.release();
  }
}

async function copyWorks(client: pg.PoolClient, works: GeneratedWork[]): Promise<void> {
  const books = works.flatMap((work) => work.books);
  await copyRows(
    client,
    'works',
    ['id', 'title', 'description'],
    works.map((work) => copyLine([work.id, work.title, work.description])),
  );
  await copyRows(client, 'books', BOOK_COLUMNS, books.map(bookLine));
  await copyRows(
    client,
    'book_authors',
    ['book_id', 'author_id', 'position'],
    books.flatMap((book) => book.authorIds.map((authorId, position) => copyLine([book.id, authorId, position]))),
  );
  await copyRows(
    client,
    'inventory',
    ['warehouse_id', 'book_id', 'on_hand', 'sold'],
    books.flatMap((book) => book.stock.map((stock) => copyLine([stock.warehouseId, book.id, stock.onHand, stock.sold]))),
  );
}

function bookLine(book: GeneratedBook): string {
  const inStock = book.format === 'EBOOK' || book.stock.some((stock) => stock.onHand > stock.sold);
  return copyLine([
    book.id,
    book.isbn13,
    book.workId,
    book.title,
    book.subtitle,
    book.authorNames,
    `{${book.authorIds.join(',')}}`,
    book.publisherId,
    book.publishedYear,
    book.language,
    book.categoryId,
    book.format,
    book.listPriceCents,
    book.listPriceCents,
    inStock,
    book.demandScore,
  ]);
}

async function loadCurated(client: pg.PoolClient, categoryIds: number[]): Promise<{ works: number; books: number }> {
  let books = 0;
  let works = 0;
  for (const work of CURATED_WORKS) {
    const exists = await client.query('SELECT 1 FROM books WHERE isbn13 = $1', [parseIsbn(work.editions[0]!.isbn13)]);
    if (exists.rowCount) continue;
    const categoryId = categoryIds[CATEGORIES.indexOf(work.category as (typeof CATEGORIES)[number])] ?? null;
    const publisher = await client.query<{ id: number }>(
      `INSERT INTO publishers (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [work.publisher],
    );
    const workRow = await client.query<{ id: number }>('INSERT INTO works (title, description) VALUES ($1, $2) RETURNING id', [work.title, work.description]);
    const authorIds: number[] = [];
    for (const name of work.authors) {
      const author = await client.query<{ id: number }>('INSERT INTO authors (name) VALUES ($1) RETURNING id', [name]);
      authorIds.push(author.rows[0]!.id);
    }
    for (const edition of work.editions) {
      const book = await client.query<{ id: number }>(
        `INSERT INTO books (isbn13, work_id, title, subtitle, author_names, author_ids, publisher_id, published_year, language,
                            category_id, format, list_price_cents, price_cents, in_stock, demand_score)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, true, 900) RETURNING id`,
        [
          parseIsbn(edition.isbn13),
          workRow.rows[0]!.id,
          work.title,
          work.subtitle ?? null,
          work.authors.join(', '),
          authorIds,
          publisher.rows[0]!.id,
          edition.year,
          work.language,
          categoryId,
          edition.format,
          edition.listPriceCents,
        ],
      );
      for (const [position, authorId] of authorIds.entries()) {
        await client.query('INSERT INTO book_authors (book_id, author_id, position) VALUES ($1, $2, $3)', [book.rows[0]!.id, authorId, position]);
      }
      if (edition.format === 'HARDCOVER' || edition.format === 'PAPERBACK') {
        await client.query('INSERT INTO inventory (warehouse_id, book_id, on_hand) SELECT id, $1, 3 FROM warehouses ORDER BY id LIMIT 1', [book.rows[0]!.id]);
      }
      books++;
    }
    works++;
  }
  return { works, books };
}

async function ensureCategories(client: pg.PoolClient): Promise<number[]> {
  const slugs = CATEGORIES.map((name) =>
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/-$/, ''),
  );
  await client.query(`INSERT INTO categories (slug, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (slug) DO NOTHING`, [
    slugs,
    [...CATEGORIES],
  ]);
  const { rows } = await client.query<{ id: number; slug: string }>('SELECT id, slug FROM categories WHERE slug = any($1)', [slugs]);
  const bySlug = new Map(rows.map((row) => [row.slug, row.id]));
  return slugs.map((slug) => bySlug.get(slug)!);
}

async function ensureWarehouses(client: pg.PoolClient): Promise<number[]> {
  await client.query(`INSERT INTO warehouses (code, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (code) DO NOTHING`, [
    WAREHOUSES.map(([code]) => code),
    WAREHOUSES.map(([, name]) => name),
  ]);
  const { rows } = await client.query<{ id: number }>('SELECT id FROM warehouses ORDER BY id');
  return rows.map((row) => row.id);
}

async function nextIds(client: pg.PoolClient) {
  const { rows } = await client.query<{ books: number; works: number; authors: number; publishers: number }>(`
    SELECT (SELECT coalesce(max(id), 0) + 1 FROM books) AS books, (SELECT coalesce(max(id), 0) + 1 FROM works) AS works,
           (SELECT coalesce(max(id), 0) + 1 FROM authors) AS authors, (SELECT coalesce(max(id), 0) + 1 FROM publishers) AS publishers`);
  return rows[0]!;
}

/** Ids were given explicitly by COPY, so move each identity past them. */
async function resetSequences(client: pg.PoolClient): Promise<void> {
  for (const table of ['books', 'works', 'authors', 'publishers']) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ${table}), false)`);
  }
}

/** Drops the non-unique indexes of the bulk-loaded tables and returns their definitions for rebuilding. */
async function dropSecondaryIndexes(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relname IN ('books', 'book_authors') AND t.relnamespace = 'public'::regnamespace
      AND NOT x.indisunique AND NOT x.indisprimary`);
  for (const row of rows) await client.query(`DROP INDEX ${row.name}`);
  return rows.map((row) => row.definition);
}

/** Two at a time, one per core, with enough memory that GIN builds do not spill. */
async function rebuildIndexes(pool: pg.Pool, definitions: string[]): Promise<void> {
  const queue = [...definitions];
  const builders = Array.from({ length: 2 }, async () => {
    const client = await pool.connect();
    try {
      await client.query(`SET maintenance_work_mem = '512MB'`);
      for (let definition = queue.shift(); definition; definition = queue.shift()) await client.query(definition);
    } finally {
      client.release();
    }
  });
  await Promise.all(builders);
}
