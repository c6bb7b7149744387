import { LRUCache } from 'lru-cache';

export interface SegmentedLruOptions {
  /** Entries kept after being asked for again. */
  max: number;
  /** Entries seen once, kept while they wait to be asked for again. */
  probation: number;
  ttl: number;
}

/**
 * A scan-resistant LRU (a segmented LRU): a new entry waits in a small probation segment and moves to
 * the main one only when asked for again. A burst of one-off keys (a crawler, a run of searches nobody
 * repeats) then turns over the probation segment alone, and the entries that traffic keeps coming back
 * to stay. A plain LRU of the same size would have let the burst push every one of them out.
 */
export class SegmentedLru<K extends {}, V extends {}> {
  private readonly protected: LRUCache<K, V>;
  private readonly probation: LRUCache<K, V>;

  constructor(options: SegmentedLruOptions) {
    this.protected = new LRUCache<K, V>({ max: options.max, ttl: options.ttl });
    this.probation = new LRUCache<K, V>({ max: options.probation, ttl: options.ttl });
  }

  get(key: K): V | undefined {
    const kept = this.protected.get(key);
    if (kept !== undefined) return kept;
    const waiting = this.probation.get(key);
    if (waiting === undefined) return undefined;
    this.probation.delete(key);
    this.protected.set(key, waiting);
    return waiting;
  }

  /** The entry, without counting as being asked for again (a second look within one request is not a repeat). */
  peek(key: K): V | undefined {
    return this.protected.peek(key) ?? this.probation.peek(key);
  }

  set(key: K, value: V): void {
    if (this.protected.has(key)) this.protected.set(key, value);
    else this.probation.set(key, value);
  }

  delete(key: K): void {
    this.protected.delete(key);
    this.probation.delete(key);
  }

  clear(): void {
    this.protected.clear();
    this.probation.clear();
  }

  get size(): number {
    return this.protected.size + this.probation.size;
  }
}
