import { LRUCache } from 'lru-cache';
import type { ChangeFollower, ChangeListener } from '../../db/change-listener.js';
import { sharedBatcher } from '../../lib/batch-cache.js';
import { byKeys } from '../batch.js';
import type { StockRow } from './catalog-repository.js';

const CHANNEL = 'stock_changed';
const MAX_BOOKS = 200_000;
/** However quiet a book is, its stock is read again after this long (a safety net, not what keeps it right). */
const LONGEST_KEPT_MS = 5 * 60_000;

interface Kept {
  units: number;
  /** The figure holds until then: the next hold on the book expires. */
  until: number;
}

/**
 * First-party stock kept in memory and kept right: every statement that changes inventory or holds
 * names its books when it commits (a trigger), and those are read again; a hold's expiry, which changes
 * the figure without a write, ends the kept figure by itself. Stock this process has just changed is
 * read only after the change has come back (read your own writes). While notices are not arriving
 * (no listener, or its connection lost) every read goes to PostgreSQL.
 */
export class FollowedStock implements ChangeFollower {
  private readonly kept = new LRUCache<number, Kept>({ max: MAX_BOOKS });
  /** Bumped by every notice: a read that overlapped one does not keep what it read. */
  private changes = 0;
  private readonly live;

  constructor(
    read: (bookIds: readonly number[]) => Promise<StockRow[]>,
    private readonly listener: ChangeListener | null,
  ) {
    // Concurrent requests share one query per tick instead of one each.
    this.live = sharedBatcher<number, StockRow | null>(async (ids) => byKeys(ids, await read(ids), (row) => row.bookId));
    listener?.follow(CHANNEL, this);
  }

  async units(bookIds: readonly number[]): Promise<number[]> {
    if (!this.listener?.listening) return (await this.read(bookIds)).map(unitsOf);
    await this.listener.ownWritesSeen();
    const now = Date.now();
    const kept = bookIds.map((id) => {
      const entry = this.kept.get(id);
      return entry && entry.until > now ? entry : null;
    });
    const missing = bookIds.filter((_, i) => kept[i] === null);
    if (missing.length === 0) return kept.map((entry) => entry!.units);
    const changesBefore = this.changes;
    const rows = await this.read(missing);
    if (this.changes === changesBefore) this.keep(missing, rows, now);
    const read = new Map(missing.map((id, i) => [id, unitsOf(rows[i]!)]));
    return bookIds.map((id, i) => kept[i]?.units ?? read.get(id)!);
  }

  notice(payload: string): void {
    this.changes++;
    if (payload === 'all') return this.kept.clear();
    for (const id of payload.split(',')) this.kept.delete(Number(id));
  }

  reset(): void {
    this.changes++;
    this.kept.clear();
  }

  private async read(bookIds: readonly number[]): Promise<(StockRow | null)[]> {
    const rows = await this.live.loadMany(bookIds);
    return rows.map((row) => {
      if (row instanceof Error) throw row;
      return row;
    });
  }

  private keep(bookIds: readonly number[], rows: readonly (StockRow | null)[], now: number): void {
    bookIds.forEach((id, i) => {
      // Counted from when the read began, so the figure ends no later than the hold does.
      const expiry = now + Number(rows[i]?.msToNextExpiry ?? Number.POSITIVE_INFINITY);
      this.kept.set(id, { units: unitsOf(rows[i]!), until: Math.min(expiry, now + LONGEST_KEPT_MS) });
    });
  }
}

function unitsOf(row: StockRow | null): number {
  return Math.max(0, row?.units ?? 0);
}
