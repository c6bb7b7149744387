import DataLoader from 'dataloader';
import type { MaybePromise } from './maybe-promise.js';
import { SegmentedLru } from './segmented-lru.js';

export interface BatchCacheOptions<K, V> {
  max: number;
  ttlMs: number;
  /** Fetches values for keys, in key order, null where there is none. */
  fetch: (keys: readonly K[]) => Promise<(V | null)[]>;
  /** How long this value may be kept, when it knows better than `ttlMs` (at most `ttlMs`). */
  ttlOf?: (value: V) => number | null;
  /** Reads within this long of an entry being kept belong to the request that brought it, not a repeat (1 s). */
  repeatAfterMs?: number;
}

/** The share of a cache's room given to entries read once (see SegmentedLru). */
const PROBATION_SHARE = 0.2;
const SAME_REQUEST_MS = 1_000;

/**
 * An in-process read-through cache in front of a batch fetch. Keys it lacks are fetched together with
 * those of every other request in the same tick (one query for many concurrent requests), and results
 * come back in key order, as DataLoader requires. Misses (null) are not cached, so a row added later
 * is seen at once. Entries read once wait in a probation segment: rows that a run of one-off reads
 * brings (a page of results nobody asks for again, a crawler) do not push out those read again and again.
 */
export class BatchCache<K extends {}, V extends {}> {
  private readonly lru: SegmentedLru<K, V>;
  private readonly batcher: DataLoader<K, V | null>;
  /** Made on first use: few caches are ever read past. */
  private uncached: DataLoader<K, V | null> | null = null;
  /** Bumped by every invalidation: a fetch that began before one does not store what it read (it may predate the change). */
  private invalidations = 0;

  constructor(private readonly options: BatchCacheOptions<K, V>) {
    const probation = Math.max(1, Math.ceil(options.max * PROBATION_SHARE));
    this.lru = new SegmentedLru<K, V>({
      max: Math.max(1, options.max - probation),
      probation,
      ttl: options.ttlMs,
      repeatAfterMs: options.repeatAfterMs ?? SAME_REQUEST_MS,
    });
    this.batcher = sharedBatcher(async (keys) => {
      const epoch = this.epoch;
      const values = await options.fetch(keys);
      const found: [K, V][] = [];
      keys.forEach((key, index) => {
        const value = values[index];
        if (value !== null && value !== undefined) found.push([key, value]);
      });
      this.prime(found, epoch);
      return values;
    });
  }

  /**
   * Read before fetching rows from elsewhere and handed to `prime` with them: an invalidation in
   * between means the rows may predate a change, and they are not kept.
   */
  get epoch(): number {
    return this.invalidations;
  }

  /** The kept value, if there is one (nothing is fetched). */
  peek(key: K): V | undefined {
    return this.lru.get(key);
  }

  /** Whether the key is kept (not counted as a read). */
  has(key: K): boolean {
    return this.lru.peek(key) !== undefined;
  }

  /** One key's value: at once when it is kept, else fetched with every other miss of this tick. */
  get(key: K): MaybePromise<V | null> {
    return this.lru.get(key) ?? this.batcher.load(key);
  }

  async load(keys: readonly K[]): Promise<(V | null)[]> {
    const cached = keys.map((key) => this.lru.get(key) ?? null);
    const missing = keys.filter((_, index) => cached[index] === null);
    if (missing.length === 0) return cached;
    const fetched = await this.batcher.loadMany(missing);
    const byKey = new Map(missing.map((key, index) => [key, fetched[index]]));
    return keys.map((key, index) => {
      const value = cached[index] ?? byKey.get(key) ?? null;
      if (value instanceof Error) throw value;
      return value;
    });
  }

  /** The values as fetched now, neither read from nor kept in the cache (batched like `load`). */
  async loadUncached(keys: readonly K[]): Promise<(V | null)[]> {
    const uncached = (this.uncached ??= sharedBatcher(this.options.fetch));
    return (await uncached.loadMany(keys)).map((value) => {
      if (value instanceof Error) throw value;
      return value;
    });
  }

  /** Keeps rows fetched by some other query, so the next load by key is a hit (unless invalidated since `epoch`). */
  prime(entries: Iterable<readonly [K, V]>, epoch: number): void {
    if (epoch !== this.invalidations) return;
    for (const [key, value] of entries) {
      const ttl = this.options.ttlOf?.(value) ?? null;
      this.lru.set(key, value, ttl === null ? undefined : Math.max(1, Math.min(ttl, this.options.ttlMs)));
    }
  }

  invalidate(keys: Iterable<K>): void {
    this.invalidations++;
    for (const key of keys) this.lru.delete(key);
  }

  clear(): void {
    this.invalidations++;
    this.lru.clear();
  }
}

/**
 * Batches loads from concurrent requests into one fetch per tick, without caching: every load sees
 * a fetch that started after it was asked for, so results are as fresh as a query of its own.
 */
export function sharedBatcher<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  return new DataLoader<K, V>((keys) => fetch(keys), {
    cache: false,
    batchScheduleFn: (callback) => setImmediate(callback),
    maxBatchSize: 500,
  });
}
