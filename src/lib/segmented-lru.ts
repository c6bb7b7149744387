import { LRUCache } from 'lru-cache';

export interface SegmentedLruOptions {
  /** Entries kept after being asked for again. */
  max: number;
  /** Entries seen once, kept while they wait to be asked for again. */
  probation: number;
  ttl: number;
  /**
   * A look this soon after the entry was kept is not a second one: a cache filled by one request's
   * query and read by the same request's next step would otherwise count every entry as asked twice.
   */
  repeatAfterMs?: number;
}

interface Waiting<V> {
  value: V;
  keptAt: number;
}

/**
 * A scan-resistant LRU (a segmented LRU): a new entry waits in a small probation segment and moves to
 * the main one only when asked for again. A burst of one-off keys (a crawler, a run of searches nobody
 * repeats) then turns over the probation segment alone, and the entries that traffic keeps coming back
 * to stay. A plain LRU of the same size would have let the burst push every one of them out.
 */
export class SegmentedLru<K extends {}, V extends {}> {
  private readonly protected: LRUCache<K, V>;
  private readonly probation: LRUCache<K, Waiting<V>>;
  private readonly repeatAfterMs: number;

  constructor(options: SegmentedLruOptions) {
    this.protected = new LRUCache<K, V>({ max: options.max, ttl: options.ttl });
    this.probation = new LRUCache<K, Waiting<V>>({ max: options.probation, ttl: options.ttl });
    this.repeatAfterMs = options.repeatAfterMs ?? 0;
  }

  get(key: K): V | undefined {
    const kept = this.protected.get(key);
    if (kept !== undefined) return kept;
    const waiting = this.probation.get(key);
    if (waiting === undefined) return undefined;
    if (performance.now() - waiting.keptAt >= this.repeatAfterMs) this.promote(key, waiting);
    return waiting.value;
  }

  /** The entry, without counting as being asked for again (a second look within one request is not a repeat). */
  peek(key: K): V | undefined {
    return this.protected.peek(key) ?? this.probation.peek(key)?.value;
  }

  /** Keeps the value (for `ttl` milliseconds when given, at most the cache's own). */
  set(key: K, value: V, ttl?: number): void {
    const options = ttl === undefined ? undefined : { ttl };
    if (this.protected.has(key)) this.protected.set(key, value, options);
    else this.probation.set(key, { value, keptAt: performance.now() }, options);
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

  private promote(key: K, waiting: Waiting<V>): void {
    // What is left of the entry's time to live goes with it.
    const ttl = this.probation.getRemainingTTL(key);
    this.probation.delete(key);
    this.protected.set(key, waiting.value, Number.isFinite(ttl) && ttl > 0 ? { ttl } : undefined);
  }
}
