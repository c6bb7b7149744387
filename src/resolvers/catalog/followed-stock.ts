import type { ChangeFollower, ChangeListener } from '../../db/change-listener.js';
import { BatchCache } from '../../lib/batch-cache.js';
import { type MaybePromise, whenReady } from '../../lib/maybe-promise.js';
import { byKeys } from '../batch.js';
import type { Logger } from '../../lib/logger.js';
import type { StockRow } from './catalog-repository.js';
import { StockTable } from './stock-table.js';

const CHANNEL = 'stock_changed';
const MAX_BOOKS = 200_000;
/** However quiet a book is, its stock is read again after this long (a safety net, not what keeps it right). */
const LONGEST_KEPT_MS = 5 * 60_000;

/** A book's stock as kept: books without inventory are kept too (as none), so their pages read nothing either. */
type Stock = Pick<StockRow, 'units' | 'msToNextExpiry'>;

/** Where every book's stock is read from, for a process that keeps it whole (see keepWhole). */
export interface WholeStockSource {
  highestBookId(): Promise<number>;
  /** The stock of the books with inventory and ids in (afterId, upToId]. */
  stockBetween(afterId: number, upToId: number): Promise<StockRow[]>;
}

/** Book ids read in one statement when every book's stock is read. */
const WHOLE_READ_SPAN = 100_000;
/** The table is an array by book id: past this id (80 MB) ids are too sparse for it, and stock is read book by book. */
const WHOLE_TABLE_MAX_ID = 20_000_000;
/** Once this many books have changed since the whole read, it is read again (the changed ones are read one by one meanwhile). */
const REREAD_AFTER_CHANGES = 50_000;

/**
 * First-party stock kept in memory and kept right: every statement that changes inventory or holds
 * names its books when it commits (a trigger), and those are read again; a hold's expiry, which changes
 * the figure without a write, ends the kept figure by itself. Stock this process has just changed is
 * read only after the change has come back (read your own writes). While notices are not arriving
 * (no listener, or its connection lost) every read goes to PostgreSQL.
 *
 * A process that shows many book pages keeps every book's stock (keepWhole): a page of a book nobody has
 * asked for yet then reads nothing either. Books changed since that read are read and kept one by one.
 */
export class FollowedStock implements ChangeFollower {
  private readonly kept: BatchCache<number, Stock>;
  private source: WholeStockSource | null = null;
  /** Every book's stock as of one read, while notices have arrived without a gap since it began. */
  private whole: StockTable | null = null;
  /** The whole read under way: notices mark it too, from before its first statement. */
  private reading: StockTable | null = null;
  /** Bumped when notices may have been missed, and by each whole read: a whole read begun before then is not used. */
  private generation = 0;

  constructor(
    read: (bookIds: readonly number[]) => Promise<StockRow[]>,
    private readonly listener: ChangeListener | null,
    private readonly logger?: Logger,
  ) {
    this.kept = new BatchCache<number, Stock>({
      max: MAX_BOOKS,
      ttlMs: LONGEST_KEPT_MS,
      ttlOf: (stock) => stock.msToNextExpiry,
      fetch: async (ids) => byKeys(ids, await read(ids), (row) => row.bookId).map((row) => row ?? { units: 0, msToNextExpiry: null }),
    });
    listener?.follow(CHANNEL, this);
  }

  /** Reads every book's stock (the listener listening), and keeps it in step from then on. */
  async keepWhole(source: WholeStockSource): Promise<void> {
    this.source = source;
    await this.readWhole();
  }

  /** Whether every book's stock is kept now (see keepWhole): false before the first read, and from a lost connection until read again. */
  get keptWhole(): boolean {
    return this.whole !== null;
  }

  async units(bookIds: readonly number[]): Promise<number[]> {
    if (!this.listener?.listening) return unitsOf(await this.kept.loadUncached(bookIds));
    await this.listener.ownWritesSeen();
    const whole = this.whole;
    const known = bookIds.map((id) => whole?.unitsOf(id));
    const unknown = bookIds.filter((_, i) => known[i] === undefined);
    if (unknown.length === 0) return known.map((units) => Math.max(0, units!));
    const read = unitsOf(await this.kept.load(unknown));
    let next = 0;
    return known.map((units) => (units === undefined ? read[next++]! : Math.max(0, units)));
  }

  /** One book's units: at once when they are kept and no write of this process's own is on its way back. */
  unitsOfBook(bookId: number): MaybePromise<number> {
    if (!this.listener?.listening || this.listener.ownWritesPending) return this.units([bookId]).then(([units]) => units!);
    const units = this.whole?.unitsOf(bookId);
    if (units !== undefined) return Math.max(0, units);
    return whenReady(this.kept.get(bookId), unitOf);
  }

  /** Read before stock is read by another query, and handed to `prime` with what it read. */
  get epoch(): number {
    return this.kept.epoch;
  }

  /** Keeps stock read by another query (a book page's), unless a change notice came in since `epoch`. */
  prime(rows: readonly StockRow[], epoch: number): void {
    this.kept.prime(
      rows.map(({ bookId, units, msToNextExpiry }) => [bookId, { units, msToNextExpiry }] as const),
      epoch,
    );
  }

  notice(payload: string): void {
    if (payload === 'all') {
      this.kept.clear();
      this.readWholeAgain();
      return;
    }
    const ids = payload.split(',').map(Number);
    this.kept.invalidate(ids);
    this.whole?.markChanged(ids);
    this.reading?.markChanged(ids);
    if ((this.whole?.changedCount ?? 0) > REREAD_AFTER_CHANGES && !this.reading) void this.readWhole().catch(this.readFailed);
  }

  reset(): void {
    this.kept.clear();
    this.readWholeAgain();
  }

  /** What was read whole is in doubt: it is dropped now, and read again once notices are arriving. */
  private readWholeAgain(): void {
    this.generation++;
    this.whole = null;
    this.reading = null;
    if (this.source && this.listener?.listening) void this.readWhole().catch(this.readFailed);
  }

  private async readWhole(): Promise<void> {
    const source = this.source;
    if (!source || !this.listener?.listening) return;
    // A read begun later supersedes this one (only the latest read's table is marked by notices as they come).
    const generation = ++this.generation;
    const highest = await source.highestBookId();
    if (generation !== this.generation) return;
    if (highest > WHOLE_TABLE_MAX_ID) {
      this.logger?.warn({ highest }, 'book ids too far apart to keep every book’s stock by id; reading it book by book');
      return;
    }
    const table = new StockTable(highest);
    this.reading = table;
    try {
      for (let after = 0; after < table.books; after += WHOLE_READ_SPAN) {
        const readAt = Date.now();
        const rows = await source.stockBetween(after, after + WHOLE_READ_SPAN);
        if (generation !== this.generation) return;
        table.fill(rows, readAt);
      }
      this.whole = table;
    } finally {
      if (this.reading === table) this.reading = null;
    }
  }

  private readonly readFailed = (error: unknown) => this.logger?.warn({ err: error }, 'could not read every book’s stock; reading it book by book');
}

function unitsOf(stocks: readonly (Stock | null)[]): number[] {
  return stocks.map(unitOf);
}

function unitOf(stock: Stock | null): number {
  return Math.max(0, stock?.units ?? 0);
}
