import { type Kysely, sql } from 'kysely';
import type { ChangeFollower, ChangeListener } from '../db/change-listener.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../lib/logger.js';
import { searchIndexBooks, searchIndexReadSeconds } from '../lib/metrics.js';
import { BookIndex, type IndexedBook } from './book-index.js';
import { parseTsvector } from './tsvector.js';

const CHANNEL = 'books_changed';
const READ_BATCH = 20_000;
/** Ranges narrower than this are read by their ids, together with the other narrow ones. */
const FEW_BOOKS = 64;

type Notice = { kind: 'range'; low: number; high: number } | { kind: 'all' };

/** The books a refresh read again: their ids, or 'all' when it read the whole catalogue or wide ranges of it. */
export type BookChanges = readonly number[] | 'all';

/**
 * Keeps a BookIndex in step with the books table, as search engines do, with a refresh interval: every
 * statement that changes books sends the range of ids it touched when it commits (a trigger), notices
 * are gathered, and once per interval the feed reads those rows again and the index changes in one step.
 * A search never waits on PostgreSQL for this, yet what it sees is bounded: every change committed more
 * than two intervals before it (and every change this process made itself, at once). It listens before
 * it reads, so no change is lost; when notices may have been missed (the connection was lost), the
 * index is read whole again and the old one serves meanwhile.
 */
export class SearchIndexFeed implements ChangeFollower {
  private index: BookIndex | null = null;
  private loading: Promise<BookIndex> | null = null;
  private queue: Notice[] = [];
  private applying: Promise<boolean> | null = null;
  /** Every change committed before this time (ms) is in the index. */
  private currentAsOf = 0;
  /** A refresh asked for before this time does not count (the index was expired after it began). */
  private expiredAt = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  /**
   * Notices may have been missed, or a batch could not be applied: the index is read whole at the next
   * refresh, and until then `currentNow` does not vouch for it (a barrier does not wait for that read).
   */
  private wholeReadDue = false;
  private readonly appliedListeners: ((changed: BookChanges) => void)[] = [];
  private closed = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly listener: ChangeListener,
    private readonly refreshMs: number,
    private readonly logger: Logger | undefined,
  ) {
    listener.follow(CHANNEL, this);
  }

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
   * The index for a search: as of at most two refresh intervals ago, and holding this process's own
   * writes. Only when neither holds (the refresh fell behind, or this process just wrote) does the
   * search wait, for one round trip that concurrent searches share.
   */
  async current(): Promise<BookIndex> {
    const index = await this.ready();
    await this.listener.ownWritesSeen();
    if (Date.now() - this.currentAsOf > 2 * this.refreshMs) await this.refresh();
    return this.index ?? index;
  }

  /**
   * The index when it already holds what `current` would wait for (everything committed more than two
   * refresh intervals ago, and this process's own writes), else null: for readers that answer at once
   * from it or go elsewhere, rather than wait.
   */
  get currentNow(): BookIndex | null {
    if (!this.index || this.wholeReadDue || this.listener.ownWritesPending || Date.now() - this.currentAsOf > 2 * this.refreshMs) return null;
    return this.index;
  }

  /** Calls `changed` with the books read again after each refresh that changed the index (caches of results and rows drop then). */
  onApplied(changed: (books: BookChanges) => void): void {
    this.appliedListeners.push(changed);
  }

  /** The next search catches up first, whatever the interval (after changes this process cannot see coming, as in tests). */
  expire(): void {
    this.currentAsOf = 0;
    this.expiredAt = Date.now();
  }

  notice(payload: string): void {
    const [low, high] = payload === 'all' ? [] : payload.split(',').map(Number);
    if (payload === 'all') this.readWholeNext();
    else if (Number.isSafeInteger(low) && Number.isSafeInteger(high)) this.queue.push({ kind: 'range', low: low!, high: high! });
  }

  reset(): void {
    this.readWholeNext();
  }

  private readWholeNext(): void {
    this.queue.push({ kind: 'all' });
    this.wholeReadDue = true;
  }

  /** Applies every notice received so far (the listener's barrier asks this of every follower). */
  async settled(): Promise<void> {
    await this.applyQueued();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.applying?.catch(() => undefined);
  }

  private async start(): Promise<BookIndex> {
    await this.listener.start();
    const started = Date.now();
    this.index = await readIndex(this.db);
    this.currentAsOf = started;
    this.logger?.info({ books: this.index.size, ms: Date.now() - started }, 'search index loaded');
    this.heartbeat = setInterval(() => void this.refresh().catch(() => undefined), this.refreshMs);
    this.heartbeat.unref();
    return this.index;
  }

  /** One refresh: catch up with everything committed before now, then apply it. */
  private async refresh(): Promise<void> {
    const asked = Date.now();
    if (!this.listener.listening) return;
    const caughtUp = await this.listener.caughtUp();
    const applied = await this.applyQueued();
    // Only a refresh that heard everything before it and applied it all moves the bound on.
    if (caughtUp && applied && asked > this.expiredAt) this.currentAsOf = Math.max(this.currentAsOf, asked);
  }

  /** Applies the queued notices, one batch at a time, after any batch already being applied. */
  private applyQueued(): Promise<boolean> {
    const run = (this.applying ?? Promise.resolve(true)).then(() => this.applyBatch());
    this.applying = run;
    void run.finally(() => {
      if (this.applying === run) this.applying = null;
    });
    return run;
  }

  /** Applies what is queued; false when it could not (the index is then read whole at the next refresh). */
  private async applyBatch(): Promise<boolean> {
    if (!this.index || this.queue.length === 0 || this.closed) return this.index !== null;
    const batch = this.queue;
    this.queue = [];
    let books: BookChanges = 'all';
    let applied = false;
    try {
      books = await this.apply(batch);
      applied = true;
    } catch (error) {
      // The rows could not be read (the database went away): read everything again at the next refresh. Part of the
      // batch may be in the index already, so whatever was derived from it goes.
      this.logger?.warn({ err: error }, 'search index: could not apply book changes, reading again');
      this.queue.unshift({ kind: 'all' });
      this.wholeReadDue = true;
    }
    for (const changed of this.appliedListeners) changed(books);
    return applied;
  }

  private async apply(batch: Notice[]): Promise<BookChanges> {
    if (batch.some((notice) => notice.kind === 'all')) {
      this.index = await readIndex(this.db);
      // Unless doubt came again while it was read.
      this.wholeReadDue = this.queue.some((notice) => notice.kind === 'all');
      return 'all';
    }
    const ranges = mergedRanges(batch);
    // Scattered single books (a price refresh changes one at a time) are read together, by id.
    const few = ranges.filter(([low, high]) => high - low < FEW_BOOKS).flatMap(([low, high]) => rangeOf(low, high));
    await readBooks(this.db, this.index!, few);
    const wide = ranges.filter(([low, high]) => high - low >= FEW_BOOKS);
    for (const [low, high] of wide) await readRange(this.db, this.index!, low, high);
    return wide.length > 0 ? 'all' : few;
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
  language, price_cents, in_stock, published_year, demand_score,
  isbn13, work_id, subtitle, publisher_id, format, currency, list_price_cents`);

/** Every book with an id in [low, high], in id order, a batch at a time. */
async function readRows(db: Kysely<Database>, low: number, high: number, each: (row: IndexRow) => void): Promise<void> {
  const batchAfter = (after: number) =>
    sql<IndexRow>`SELECT ${INDEX_COLUMNS} FROM books WHERE id > ${after} AND id <= ${high} ORDER BY id LIMIT ${READ_BATCH}`.execute(db);
  let next = batchAfter(low - 1);
  for (;;) {
    const { rows } = await next;
    const more = rows.length === READ_BATCH;
    // PostgreSQL reads the next batch while this process takes this one in.
    if (more) next = batchAfter(rows.at(-1)!.id);
    rows.forEach(each);
    if (!more) return;
  }
}

function indexedBook(row: IndexRow): IndexedBook {
  return {
    ...row,
    lexemes: parseTsvector(row.lexemes),
    authorIds: row.authorIds ? row.authorIds.split(',').map(Number) : [],
  };
}

async function readIndex(db: Kysely<Database>): Promise<BookIndex> {
  const started = performance.now();
  const index = new BookIndex({ bulk: true });
  await readRows(db, 0, Number.MAX_SAFE_INTEGER, (row) => index.upsert(indexedBook(row)));
  // Read whole, the index will grow little: its arrays are cut to what they hold, posting lists built at their size.
  index.compact();
  searchIndexReadSeconds.set((performance.now() - started) / 1000);
  searchIndexBooks.set(index.size);
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
  writeRead(index, rows, index.bookIdsBetween(low, high));
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
