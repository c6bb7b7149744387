import type { ChangeFollower, ChangeListener } from '../../db/change-listener.js';
import { BatchCache } from '../../lib/batch-cache.js';
import { type MaybePromise, whenReady } from '../../lib/maybe-promise.js';
import { byKeys } from '../batch.js';
import type { Logger } from '../../lib/logger.js';
import type { StockRow } from './catalog-repository.js';
import { WholeStock, type WholeStockSource } from './whole-stock.js';

const CHANNEL = 'stock_changed';
const MAX_BOOKS = 200_000;
/** However quiet a book is, its kept figure is read again after this long (a safety net, not what keeps it right; see WholeStock for its own). */
const LONGEST_KEPT_MS = 5 * 60_000;

/** A book's stock as kept: books without inventory are kept too (as none), so their pages read nothing either. */
type Stock = Pick<StockRow, 'units' | 'msToNextExpiry'>;

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
  /** Every book's stock, in a process that keeps it whole (see keepWhole). */
  private whole: WholeStock | null = null;

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
    if (!this.listener) return;
    const listener = this.listener;
    this.whole?.stop();
    this.whole = new WholeStock(source, () => listener.listening, this.logger);
    await this.whole.start();
  }

  /**
   * Whether every book's stock is kept now (see keepWhole): false before the first read, and from a
   * notice that may have been missed (a lost connection, a statement touching too many books) until read again.
   */
  get keptWhole(): boolean {
    return this.whole?.kept ?? false;
  }

  async units(bookIds: readonly number[]): Promise<number[]> {
    if (!this.listener?.listening) return unitsOf(await this.kept.loadUncached(bookIds));
    // The barrier did not come back (the connection is dying): this process's own change may not have been
    // noticed, so nothing kept can be trusted for it.
    if (!(await this.listener.ownWritesSeen())) return unitsOf(await this.kept.loadUncached(bookIds));
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
      this.whole?.doubt();
      return;
    }
    const ids = payload.split(',').map(Number);
    this.kept.invalidate(ids);
    this.whole?.changed(ids);
  }

  reset(): void {
    this.kept.clear();
    this.whole?.doubt();
  }

  stop(): void {
    this.whole?.stop();
  }
}

function unitsOf(stocks: readonly (Stock | null)[]): number[] {
  return stocks.map(unitOf);
}

function unitOf(stock: Stock | null): number {
  return Math.max(0, stock?.units ?? 0);
}
