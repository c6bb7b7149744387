import type { RedisClient } from './redis.js';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from './errors.js';

/** Operations that spend money, guess passwords or write for others get buckets of their own, per minute. */
export const STRICT_LIMITS: Record<string, number> = {
  signIn: 10,
  signUp: 10,
  purchaseBook: 30,
  checkout: 30,
  reportPrice: 20,
};

export interface RateLimitSettings {
  /** Operations per minute for one user (or, signed out, one IP address). */
  perMinute: number;
}

/**
 * Request budgets per user, or per IP address for guests: one general bucket for every operation and
 * stricter ones for the operations in STRICT_LIMITS. Shared through Redis when configured, so every
 * instance counts together; if Redis fails, each instance falls back to counting on its own.
 */
export class RateLimits {
  private readonly general: RateLimiterAbstract;
  private readonly strict = new Map<string, RateLimiterAbstract>();

  constructor(redis: RedisClient | null, prefix: string, settings: RateLimitSettings) {
    this.general = limiter(redis, `${prefix}:rl:all`, settings.perMinute);
    for (const [operation, points] of Object.entries(STRICT_LIMITS)) this.strict.set(operation, limiter(redis, `${prefix}:rl:${operation}`, points));
  }

  /** Takes one unit from each bucket the operation draws on; RATE_LIMITED with a retry hint when one is empty. */
  async take(who: string, rootFields: readonly string[]): Promise<void> {
    const buckets = [this.general, ...rootFields.flatMap((field) => this.strict.get(field) ?? [])];
    for (const bucket of buckets) {
      try {
        await bucket.consume(who);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw new DomainError('RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
      }
    }
  }
}

function limiter(redis: RedisClient | null, keyPrefix: string, points: number): RateLimiterAbstract {
  const local = new RateLimiterMemory({ keyPrefix, points, duration: 60 });
  return redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: 60, insuranceLimiter: local }) : local;
}
