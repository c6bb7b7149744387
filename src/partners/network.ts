import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { PartnerAdapter } from './adapter.js';
import { HttpPartnerAdapter } from './http-adapter.js';
import { StoreGuard } from './store-guard.js';

export interface PartnerStore {
  id: number;
  slug: string;
  apiBaseUrl: string | null;
  rateLimitPerSecond: number | null;
  timeoutMs: number;
}

/**
 * One guard and adapter per partner store, for the life of the process. With Redis the token buckets
 * are shared by every process (so two workers never double a store's rate); when Redis fails they fall
 * back to a local bucket at the same rate.
 */
export class PartnerNetwork {
  private readonly guards = new Map<number, StoreGuard>();
  private readonly adapters = new Map<number, PartnerAdapter>();

  constructor(private readonly redis: Redis | null) {}

  guard(store: PartnerStore): StoreGuard {
    let guard = this.guards.get(store.id);
    if (!guard) {
      guard = new StoreGuard({ slug: store.slug, timeoutMs: store.timeoutMs, limiter: this.limiter(store) });
      this.guards.set(store.id, guard);
    }
    return guard;
  }

  adapter(store: PartnerStore): PartnerAdapter {
    let adapter = this.adapters.get(store.id);
    if (!adapter) {
      if (!store.apiBaseUrl) throw new Error(`store ${store.slug} has no partner API`);
      adapter = new HttpPartnerAdapter(store.apiBaseUrl);
      this.adapters.set(store.id, adapter);
    }
    return adapter;
  }

  /** Known only for stores this process has called. */
  healthOf(storeId: number) {
    return this.guards.get(storeId)?.health() ?? null;
  }

  close(): void {
    for (const guard of this.guards.values()) guard.shutdown();
  }

  private limiter(store: PartnerStore): RateLimiterAbstract {
    const points = Math.max(1, Math.floor(store.rateLimitPerSecond ?? 1));
    const local = new RateLimiterMemory({ points, duration: 1, keyPrefix: 'partner' });
    if (!this.redis) return local;
    return new RateLimiterRedis({
      storeClient: this.redis,
      points,
      duration: 1,
      keyPrefix: 'folio:partner',
      insuranceLimiter: local,
    });
  }
}
