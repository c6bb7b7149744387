import type { Logger } from '../../lib/logger.js';
import { stockKeptWholeBooks } from '../../lib/metrics.js';
import type { StockRow } from './catalog-repository.js';
import { StockTable } from './stock-table.js';

/** Where every book's stock is read from. */
export interface WholeStockSource {
  highestBookId(): Promise<number>;
  /** The stock of the books with inventory and ids in (afterId, upToId]. */
  stockBetween(afterId: number, upToId: number): Promise<StockRow[]>;
}

/** Book ids read in one statement. */
const READ_SPAN = 100_000;
/** The table is an array by book id: past this id (an 80 MB array) it is not kept, and stock is read book by book. */
const MAX_BOOK_ID = 20_000_000;
/** Once this many books have changed since the read, it is read again (the changed ones are read one by one meanwhile). */
const REREAD_AFTER_CHANGES = 50_000;
/**
 * However quiet the catalogue is, every book's stock is read again this often: a safety net for a notice
 * lost without the connection dropping (a trigger disabled for a bulk load), not what keeps it right.
 */
const REREAD_EVERY_MS = 10 * 60_000;
/** After a failed read, the next one waits this long. */
const RETRY_MS = 30_000;
/** Notices that cast doubt often come in bursts (a reconnection tells every follower): one read answers them all. */
const DOUBT_SETTLES_MS = 100;

/**
 * Every book's first-party stock, read in one pass and kept in step by the stock notices (see
 * FollowedStock, which owns it): books a notice names are marked and read elsewhere from then on; when
 * notices may have been missed the table is dropped and read again. Reads happen one at a time, and a
 * read begun after one that is under way supersedes it.
 */
export class WholeStock {
  /** As of the last complete read, while notices have arrived without a gap since it began. */
  private table: StockTable | null = null;
  /** The read under way: notices mark it too, from before its first statement. */
  private reading: StockTable | null = null;
  /** Bumped by every read and whenever notices may have been missed: a read begun before then is not used. */
  private generation = 0;
  private readUnderWay: number | null = null;
  private scheduled: NodeJS.Timeout | null = null;
  private readonly safetyNet: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly source: WholeStockSource,
    private readonly listening: () => boolean,
    private readonly logger?: Logger,
  ) {
    this.safetyNet = setInterval(() => this.readSoon(0), REREAD_EVERY_MS);
    this.safetyNet.unref();
  }

  /** The first read. A failure leaves stock to be read book by book, and the read is tried again later. */
  async start(): Promise<void> {
    await this.read();
  }

  /** The book's units as read, unless it changed since or is newer than the read (then undefined). */
  unitsOf(bookId: number): number | undefined {
    return this.table?.unitsOf(bookId);
  }

  get kept(): boolean {
    return this.table !== null;
  }

  changed(bookIds: readonly number[]): void {
    this.table?.markChanged(bookIds);
    this.reading?.markChanged(bookIds);
    if ((this.table?.changedCount ?? 0) > REREAD_AFTER_CHANGES) this.readSoon(0);
  }

  /** Notices may have been missed: what was read is dropped now, and read again once they arrive. */
  doubt(): void {
    this.generation++;
    this.keep(null);
    this.reading = null;
    this.readUnderWay = null;
    this.readSoon(DOUBT_SETTLES_MS);
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    clearInterval(this.safetyNet);
    if (this.scheduled) clearTimeout(this.scheduled);
  }

  private keep(table: StockTable | null): void {
    this.table = table;
    stockKeptWholeBooks.set(table?.books ?? 0);
  }

  /** A read after `delayMs`, unless one is under way or already planned. */
  private readSoon(delayMs: number): void {
    if (this.stopped || this.scheduled || this.readUnderWay !== null) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = null;
      void this.read();
    }, delayMs);
    this.scheduled.unref();
  }

  private async read(): Promise<void> {
    // Not listening: the reconnection's doubt asks for the read again.
    if (this.stopped || !this.listening()) return;
    const generation = ++this.generation;
    this.readUnderWay = generation;
    let failed = false;
    try {
      const table = await this.readTable(generation);
      if (table && generation === this.generation) this.keep(table);
    } catch (error) {
      failed = true;
      this.logger?.warn({ err: error }, 'could not read every book’s stock; reading it book by book until it can');
    } finally {
      if (this.readUnderWay === generation) this.readUnderWay = null;
      if (this.generation === generation) this.reading = null;
    }
    if (failed && generation === this.generation) this.readSoon(RETRY_MS);
  }

  /** Every book's stock, or null when this read was superseded (or ids are too far apart to keep by id). */
  private async readTable(generation: number): Promise<StockTable | null> {
    const highest = await this.source.highestBookId();
    if (generation !== this.generation) return null;
    if (highest > MAX_BOOK_ID) {
      this.logger?.warn({ highest }, 'book ids too high to keep every book’s stock in an array by id; reading it book by book');
      this.stop();
      return null;
    }
    const table = new StockTable(highest);
    this.reading = table;
    for (let after = 0; after < table.books; after += READ_SPAN) {
      const readAt = performance.now();
      const rows = await this.source.stockBetween(after, after + READ_SPAN);
      if (generation !== this.generation) return null;
      table.fill(rows, readAt);
    }
    return table;
  }
}
