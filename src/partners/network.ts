import type { RedisClient } from '../lib/redis.js';
import type { PartnerAdapter } from './adapter.js';
import { HttpPartnerAdapter } from './http-adapter.js';
import { PriceLane } from './price-lane.js';
import { LocalBudget, type PublishedLimit, type RequestBudget, SharedBudget } from './request-budget.js';
import { StoreGuard, type StoreHealthSnapshot } from './store-guard.js';
import { StorePacer } from './store-pacer.js';

export interface PartnerStore {
  id: number;
  slug: string;
  apiBaseUrl: string | null;
  rateLimitPerSecond: number | null;
  burst: number | null;
  timeoutMs: number;
  supportsBatch: boolean;
  maxBatch: number;
}

export interface StoreHealth extends StoreHealthSnapshot {
  /** Share of scheduled look-ups answered on time over the last ten minutes; null when none were due. */
  refreshCoverage: number | null;
  refreshDue: number;
}

interface Connection {
  /** What the connection was made from: a store re-registered with another address or limits gets a new one. */
  terms: string;
  guard: StoreGuard;
  adapter: PartnerAdapter;
  lane: PriceLane;
}

/** Look-ups of one store that may be in flight at once, per request per second of its budget. */
const IN_FLIGHT_PER_RATE = 2;

/**
 * One guard, adapter and price lane per partner store, for the life of the process. With Redis the
 * request budgets are shared by every process (so two workers never double a store's rate); when Redis
 * fails they fall back to a local bucket at the same rate.
 */
export class PartnerNetwork {
  private readonly connections = new Map<number, Connection>();

  constructor(
    private readonly redis: RedisClient | null,
    private readonly redisPrefix: string,
  ) {}

  guard(store: PartnerStore): StoreGuard {
    return this.connect(store).guard;
  }

  adapter(store: PartnerStore): PartnerAdapter {
    return this.connect(store).adapter;
  }

  /** Price look-ups go through the store's lane, which paces and batches them. */
  lane(store: PartnerStore): PriceLane {
    return this.connect(store).lane;
  }

  /** Known only for stores this process has called. */
  healthOf(storeId: number): StoreHealth | null {
    const connection = this.connections.get(storeId);
    if (!connection) return null;
    const coverage = connection.lane.refreshCoverage();
    return { ...connection.guard.health(), refreshCoverage: coverage.share, refreshDue: coverage.due };
  }

  close(): void {
    for (const connection of this.connections.values()) {
      connection.lane.close();
      connection.guard.shutdown();
    }
  }

  private connect(store: PartnerStore): Connection {
    const terms = [store.apiBaseUrl, store.rateLimitPerSecond, store.burst, store.timeoutMs, store.supportsBatch, store.maxBatch].join('|');
    let connection = this.connections.get(store.id);
    if (connection && connection.terms !== terms) {
      // Look-ups already queued fail as SKIPPED and are asked again by their callers; calls in flight finish.
      connection.lane.close();
      connection.guard.shutdown();
      connection = undefined;
    }
    if (!connection) {
      if (!store.apiBaseUrl) throw new Error(`store ${store.slug} has no partner API`);
      const rate = store.rateLimitPerSecond ?? 1;
      const pacer = new StorePacer(store.slug, rate, this.budget(store.slug, { ratePerSecond: rate, burst: store.burst }));
      const guard = new StoreGuard({ slug: store.slug, timeoutMs: store.timeoutMs, pacer });
      const adapter = new HttpPartnerAdapter(store.apiBaseUrl);
      const lane = new PriceLane(guard, adapter, {
        ratePerSecond: rate,
        maxBatch: store.supportsBatch ? store.maxBatch : 1,
        maxInFlight: Math.max(2, Math.ceil(rate * IN_FLIGHT_PER_RATE)),
        maxAttempts: 3,
      });
      connection = { terms, guard, adapter, lane };
      this.connections.set(store.id, connection);
    }
    return connection;
  }

  private budget(slug: string, limit: PublishedLimit): RequestBudget {
    return this.redis ? new SharedBudget(this.redis, `${this.redisPrefix}:partner-budget:${slug}`, limit) : new LocalBudget(limit);
  }
}
