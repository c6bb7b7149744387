import type { ChangeFollower, ChangeListener } from '../../db/change-listener.js';
import { BatchCache } from '../../lib/batch-cache.js';
import { type MaybePromise, whenReady } from '../../lib/maybe-promise.js';
import { byKeys } from '../batch.js';
import type { StockRow } from './catalog-repository.js';

const CHANNEL = 'stock_changed';
const MAX_BOOKS = 200_000;
/** However quiet a book is, its stock is read again after this long (a safety net, not what keeps it right). */
const LONGEST_KEPT_MS = 5 * 60_000;

/** A book's stock as kept: books without inventory are kept too (as none), so their pages read nothing either. */
type Stock = Pick<StockRow, 'units' | 'msToNextExpiry'>;

/**
 * First-party stock kept in memory and kept right: every statement that changes inventory or holds
 * names its books when it commits (a trigger), and those are read again; a hold's expiry, which changes
 * the figure without a write, ends the kept figure by itself. Stock this process has just changed is
 * read only after the change has come back (read your own writes). While notices are not arriving
 * (no listener, or its connection lost) every read goes to PostgreSQL.
 */
export class FollowedStock implements ChangeFollower {
  private readonly kept: BatchCache<number, Stock>;

  constructor(
    read: (bookIds: readonly number[]) => Promise<StockRow[]>,
    private readonly listener: ChangeListener | null,
  ) {
    this.kept = new BatchCache<number, Stock>({
      max: MAX_BOOKS,
      ttlMs: LONGEST_KEPT_MS,
      ttlOf: (stock) => stock.msToNextExpiry,
      fetch: async (ids) => byKeys(ids, await read(ids), (row) => row.bookId).map((row) => row ?? { units: 0, msToNextExpiry: null }),
    });
    listener?.follow(CHANNEL, this);
  }

  async units(bookIds: readonly number[]): Promise<number[]> {
    if (!this.listener?.listening) return unitsOf(await this.kept.loadUncached(bookIds));
    await this.listener.ownWritesSeen();
    return unitsOf(await this.kept.load(bookIds));
  }

  /** One book's units: at once when they are kept and no write of this process's own is on its way back. */
  unitsOfBook(bookId: number): MaybePromise<number> {
    if (!this.listener?.listening || this.listener.ownWritesPending) return this.units([bookId]).then(([units]) => units!);
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
    if (payload === 'all') this.kept.clear();
    else this.kept.invalidate(payload.split(',').map(Number));
  }

  reset(): void {
    this.kept.clear();
  }
}

function unitsOf(stocks: readonly (Stock | null)[]): number[] {
  return stocks.map(unitOf);
}

function unitOf(stock: Stock | null): number {
  return Math.max(0, stock?.units ?? 0);
}
