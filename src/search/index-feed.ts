import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/database.js';
import type { Logger } from '../lib/logger.js';
import { BookIndex, type IndexedBook } from './book-index.js';
import { parseTsvector } from './tsvector.js';

const CHANNEL = 'books_changed';
const READ_BATCH = 20_000;
/** Ranges narrower than this are read by their ids, together with the other narrow ones. */
const FEW_BOOKS = 64;
const RECONNECT_MS = 1_000;
/** A search waits at most this long for the index to catch up, then answers from what it has. */
const BARRIER_TIMEOUT_MS = 2_000;

type Notice = { kind: 'range'; low: number; high: number } | { kind: 'all' } | { kind: 'barrier'; token: string };

/**
 * Keeps a BookIndex in step with the books table. It listens before it reads, so no change is lost:
 * every statement that changes books sends the range of ids it touched when it commits (a trigger),
 * and the feed reads those rows again. A lost connection means notices may have been missed, so the
 * index is read whole again once the connection is back (the old one serves meanwhile).
 */
export class SearchIndexFeed {
  private index: BookIndex | null = null;
  private loading: Promise<BookIndex> | null = null;
  private listener: pg.Client | null = null;
  private queue: Notice[] = [];
  private draining: Promise<void> | null = null;
  private readonly barriers = new Map<string, () => void>();
  private nextBarrier: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly connectionString: string,
    private readonly logger: Logger | undefined,
  ) {}

  get isReady(): boolean {
    return this.index !== null;
  }

  /** The index as it is now, without waiting for anything (null before the first read). */
  get currentIndex(): BookIndex | null {
    return this.index;
  }

  /** The index, read whole on the first call. */
  ready(): Promise<BookIndex> {
    if (this.index) return Promise.resolve(this.index);
    this.loading ??= this.start().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  /**
   * The index once it holds every change committed before this call. Concurrent callers share one
   * round trip: a notice sent through the pool comes back after every notice committed before it.
   */
  async current(): Promise<BookIndex> {
    const index = await this.ready();
    if (!this.listener) return this.index ?? index;
    this.nextBarrier ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.nextBarrier = null;
      return this.barrier();
    });
    await this.nextBarrier;
    return this.index ?? index;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const release of this.barriers.values()) release();
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  private async start(): Promise<BookIndex> {
    await this.listen();
    const started = Date.now();
    this.index = await readIndex(this.db);
    this.logger?.info({ books: this.index.size, ms: Date.now() - started }, 'search index loaded');
    this.drain();
    return this.index;
  }

  private async barrier(): Promise<void> {
    const token = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<void>((resolve) => {
      this.barriers.set(token, resolve);
      timer = setTimeout(resolve, BARRIER_TIMEOUT_MS);
    });
    try {
      await sql`SELECT pg_notify(${CHANNEL}, ${`barrier:${token}`})`.execute(this.db);
      await arrived;
    } finally {
      clearTimeout(timer);
      this.barriers.delete(token);
    }
  }

  private async listen(): Promise<void> {
    // Keep-alive, so a connection that silently died is noticed and replaced (notices would stop meanwhile).
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'folio-search-index', keepAlive: true });
    client.on('notification', (message) => this.receive(message.payload ?? ''));
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      client.end().catch(() => undefined);
      for (const release of this.barriers.values()) release();
      if (!this.closed) setTimeout(() => void this.reconnect(), RECONNECT_MS);
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  private async reconnect(): Promise<void> {
    if (this.closed) return;
    try {
      await this.listen();
      this.receive('all');
    } catch (error) {
      this.logger?.warn({ err: error }, 'search index: could not listen for book changes, trying again');
      setTimeout(() => void this.reconnect(), RECONNECT_MS);
    }
  }

  private receive(payload: string): void {
    if (payload === 'all') this.queue.push({ kind: 'all' });
    else if (payload.startsWith('barrier:')) this.queue.push({ kind: 'barrier', token: payload.slice('barrier:'.length) });
    else {
      const [low, high] = payload.split(',').map(Number);
      if (Number.isSafeInteger(low) && Number.isSafeInteger(high)) this.queue.push({ kind: 'range', low: low!, high: high! });
    }
    this.drain();
  }

  /** Applies queued notices one batch at a time, in the order they arrived. */
  private drain(): void {
    // Closed: notices still queued are dropped (re-draining them would spin forever).
    if (this.draining || !this.index || this.queue.length === 0 || this.closed) return;
    this.draining = (async () => {
      while (this.queue.length > 0 && !this.closed) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.apply(batch);
        } catch (error) {
          // The rows could not be read (the database went away): read everything again once it is back.
          this.logger?.warn({ err: error }, 'search index: could not apply book changes, reading again');
          this.queue.unshift({ kind: 'all' }, ...batch.filter((notice) => notice.kind === 'barrier'));
          await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
        }
      }
    })().finally(() => {
      this.draining = null;
      this.drain();
    });
  }

  private async apply(batch: Notice[]): Promise<void> {
    if (batch.some((notice) => notice.kind === 'all')) {
      this.index = await readIndex(this.db);
    } else {
      const ranges = mergedRanges(batch);
      // Scattered single books (a price refresh changes one at a time) are read together, by id.
      const few = ranges.filter(([low, high]) => high - low < FEW_BOOKS);
      await readBooks(
        this.db,
        this.index!,
        few.flatMap(([low, high]) => rangeOf(low, high)),
      );
      for (const [low, high] of ranges) if (high - low >= FEW_BOOKS) await readRange(this.db, this.index!, low, high);
    }
    for (const notice of batch) if (notice.kind === 'barrier') this.barriers.get(notice.token)?.();
  }
}

function mergedRanges(batch: Notice[]): [number, number][] {
  const ranges = batch.flatMap((notice) => (notice.kind === 'range' ? [[notice.low, notice.high] as [number, number]] : []));
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** A book as read for the index: its search vector and author ids still in their text forms. */
type IndexRow = Omit<IndexedBook, 'lexemes' | 'authorIds'> & { lexemes: string; authorIds: string };

const INDEX_COLUMNS = sql.raw(`id, search::text AS lexemes, title, array_to_string(author_ids, ',') AS author_ids, category_id,
  language, price_cents, in_stock, published_year, demand_score`);

/** Every book with an id in [low, high], in id order, a batch at a time. */
async function readRows(db: Kysely<Database>, low: number, high: number, each: (row: IndexRow) => void): Promise<void> {
  let after = low - 1;
  for (;;) {
    const { rows } = await sql<IndexRow>`
      SELECT ${INDEX_COLUMNS} FROM books WHERE id > ${after} AND id <= ${high} ORDER BY id LIMIT ${READ_BATCH}`.execute(db);
    rows.forEach(each);
    if (rows.length < READ_BATCH) return;
    after = rows.at(-1)!.id;
  }
}

function indexedBook(row: IndexRow): IndexedBook {
  return {
    id: row.id,
    lexemes: parseTsvector(row.lexemes),
    title: row.title,
    authorIds: row.authorIds ? row.authorIds.split(',').map(Number) : [],
    categoryId: row.categoryId,
    language: row.language,
    priceCents: row.priceCents,
    inStock: row.inStock,
    publishedYear: row.publishedYear,
    demandScore: row.demandScore,
  };
}

async function readIndex(db: Kysely<Database>): Promise<BookIndex> {
  const index = new BookIndex();
  await readRows(db, 0, Number.MAX_SAFE_INTEGER, (row) => index.upsert(indexedBook(row)));
  return index;
}

/** Reads these books again: present ones are written, missing ones removed. */
async function readBooks(db: Kysely<Database>, index: BookIndex, ids: number[]): Promise<void> {
  for (let from = 0; from < ids.length; from += READ_BATCH) {
    const chunk = ids.slice(from, from + READ_BATCH);
    const { rows } = await sql<IndexRow>`
      SELECT ${INDEX_COLUMNS} FROM books WHERE id = any(${chunk}::bigint[])`.execute(db);
    writeRead(index, rows, chunk);
  }
}

/** Reads the books with ids in [low, high] again: present ones are written, missing ones removed. */
async function readRange(db: Kysely<Database>, index: BookIndex, low: number, high: number): Promise<void> {
  const rows: IndexRow[] = [];
  await readRows(db, low, high, (row) => rows.push(row));
  writeRead(index, rows, high - low < 10_000 ? rangeOf(low, high).filter((id) => index.has(id)) : index.bookIdsBetween(low, high));
}

/** Writes the books read; those asked for (or indexed in the range) that were not read are gone. */
function writeRead(index: BookIndex, rows: readonly IndexRow[], asked: readonly number[]): void {
  const seen = new Set<number>();
  for (const row of rows) {
    index.upsert(indexedBook(row));
    seen.add(row.id);
  }
  for (const id of asked) if (!seen.has(id)) index.remove(id);
}

function rangeOf(low: number, high: number): number[] {
  return Array.from({ length: high - low + 1 }, (_, i) => low + i);
}
