import { LRUCache } from 'lru-cache';

export interface BatchCacheOptions {
  max: number;
  ttlMs: number;
}

/**
 * An in-process read-through cache in front of a batch loader: only the keys it lacks are fetched, and
 * results come back in key order (the DataLoader contract). Misses (null) are not cached, so a row
 * added later is seen at once.
 */
export class BatchCache<K extends {}, V extends {}> {
  private readonly lru: LRUCache<K, V>;
  hits = 0;
  misses = 0;

  constructor(options: BatchCacheOptions) {
    this.lru = new LRUCache<K, V>({ max: options.max, ttl: options.ttlMs });
  }

  async load(keys: readonly K[], fetchMissing: (missing: K[]) => Promise<(V | null)[]>): Promise<(V | null)[]> {
    const results = keys.map((key) => this.lru.get(key) ?? null);
    const missing = keys.filter((_, index) => results[index] === null);
    this.hits += keys.length - missing.length;
    this.misses += missing.length;
    if (missing.length === 0) return results;
    const fetched = await fetchMissing(missing);
    const byKey = new Map<K, V | null>(missing.map((key, index) => [key, fetched[index] ?? null]));
    for (const [key, value] of byKey) if (value !== null) this.lru.set(key, value);
    return keys.map((key, index) => results[index] ?? byKey.get(key) ?? null);
  }

  /** Stores rows fetched by some other query, so the next load by key is a hit. */
  prime(entries: Iterable<readonly [K, V]>): void {
    for (const [key, value] of entries) this.lru.set(key, value);
  }

  invalidate(keys: Iterable<K>): void {
    for (const key of keys) this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }
}
