import type { StockRow } from './catalog-repository.js';

/**
 * Every book's first-party units as read at one moment, by book id (a typed array: 4 MB for a million
 * books), and which of them can no longer be trusted: those a change notice named since the read began,
 * and those whose next hold has expired since (its units count again without anyone writing). Books
 * newer than the read are not in it. What it cannot answer, the caller reads from PostgreSQL.
 */
export class StockTable {
  private readonly units: Int32Array;
  private readonly changed = new Set<number>();
  /** Book id → when its next hold expires (on performance.now()'s clock, which no clock change moves), for the few books held now. */
  private readonly expiries = new Map<number, number>();

  /** `highestId`: the highest book id when the read began; every book up to it is in the table (0 without inventory). */
  constructor(highestId: number) {
    this.units = new Int32Array(highestId + 1);
  }

  /** Takes in rows read at `readAt` (performance.now() when their statement was sent). */
  fill(rows: readonly StockRow[], readAt: number): void {
    for (const { bookId, units, msToNextExpiry } of rows) {
      if (bookId >= this.units.length) continue;
      this.units[bookId] = units ?? 0;
      if (msToNextExpiry !== null) this.expiries.set(bookId, readAt + msToNextExpiry);
    }
  }

  /** The book's units, unless it is unknown here or changed since (then undefined). */
  unitsOf(bookId: number): number | undefined {
    if (bookId >= this.units.length || bookId < 0 || this.changed.has(bookId)) return undefined;
    if (this.expiries.size > 0) {
      const expiry = this.expiries.get(bookId);
      if (expiry !== undefined && performance.now() >= expiry) {
        this.markChanged([bookId]);
        return undefined;
      }
    }
    return this.units[bookId];
  }

  /** Books a notice named: from now on they are read elsewhere. */
  markChanged(bookIds: Iterable<number>): void {
    for (const id of bookIds) {
      this.changed.add(id);
      this.expiries.delete(id);
    }
  }

  /** How many books have changed since the read (a table mostly changed is worth reading again). */
  get changedCount(): number {
    return this.changed.size;
  }

  get books(): number {
    return this.units.length;
  }
}
