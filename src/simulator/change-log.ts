/** Why a store's price or stock changed. */
export type ChangeKind = 'REPRICE' | 'SALE_START' | 'SALE_END' | 'STOCK' | 'ADMIN';

export interface PriceChange {
  seq: number;
  at: number;
  store: string;
  isbn13: string;
  kind: ChangeKind;
  oldPriceCents: number;
  newPriceCents: number;
  oldShippingCents: number;
  newShippingCents: number;
  oldInStock: boolean;
  inStock: boolean;
}

export interface ChangeQuery {
  since?: number;
  until?: number;
  store?: string;
  isbn13?: string;
  /** Only changes after this sequence number: the cursor of the previous page. */
  after?: number;
  limit: number;
}

/** Entries kept at most; the oldest tenth goes when it is reached (about 200 bytes each). */
const CAPACITY = 2_000_000;

/**
 * The ground truth of a partner network: every change its stores made, in time order (changes are
 * appended as their time comes, so the array is sorted by time and by sequence number alike).
 */
export class ChangeLog {
  private entries: PriceChange[] = [];
  private sequence = 0;
  /** Changes before this time were dropped for room. */
  private droppedBefore: number | null = null;

  append(change: Omit<PriceChange, 'seq'>): void {
    if (this.entries.length >= CAPACITY) {
      const drop = Math.floor(CAPACITY / 10);
      this.droppedBefore = this.entries[drop - 1]!.at;
      this.entries = this.entries.slice(drop);
    }
    this.entries.push({ seq: ++this.sequence, ...change });
  }

  /** One page, oldest first; `next` is the cursor for the following page (null at the end). */
  page(query: ChangeQuery): { changes: PriceChange[]; next: number | null; droppedBefore: number | null } {
    let index = this.firstIndex(query);
    const changes: PriceChange[] = [];
    for (; index < this.entries.length && changes.length < query.limit; index++) {
      const change = this.entries[index]!;
      if (query.until !== undefined && change.at >= query.until) break;
      if (query.store !== undefined && change.store !== query.store) continue;
      if (query.isbn13 !== undefined && change.isbn13 !== query.isbn13) continue;
      changes.push(change);
    }
    const more = index < this.entries.length && (query.until === undefined || this.entries[index]!.at < query.until);
    return { changes, next: more ? (this.entries[index - 1]?.seq ?? query.after ?? 0) : null, droppedBefore: this.droppedBefore };
  }

  clear(): void {
    this.entries = [];
    this.droppedBefore = null;
  }

  private firstIndex(query: ChangeQuery): number {
    const bySeq = query.after === undefined ? 0 : this.lowerBound((change) => change.seq <= query.after!);
    const byTime = query.since === undefined ? 0 : this.lowerBound((change) => change.at < query.since!);
    return Math.max(bySeq, byTime);
  }

  /** The first index whose entry is no longer `before` (entries are sorted by time and sequence). */
  private lowerBound(before: (change: PriceChange) => boolean): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before(this.entries[middle]!)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
