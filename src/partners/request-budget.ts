import type { RedisClient } from '../lib/redis.js';

/** What a partner publishes: requests per second and how many may come back to back. */
export interface PublishedLimit {
  ratePerSecond: number;
  /** null when the store does not say: taken to be one second's worth. */
  burst: number | null;
}

/**
 * One store's request budget as a token bucket (GCRA: one number per store, the time its bucket would
 * be full again), the same shape a partner enforces, so Folio can use the store's burst without a 429.
 * Scheduled refreshes may not take the last `shopperReserve` tokens: while they keep a store busy, a
 * shopper still finds a request ready at once, and the store is still asked at its full rate.
 */
export interface RequestBudget {
  /** Takes one request: 0 when taken, otherwise the ms until one may be (nothing is taken then). */
  take(urgent: boolean): Promise<number>;
  /** No request before `ms` from now (a 429's Retry-After), then one token, refilling from there. */
  block(ms: number): Promise<void>;
}

/** Tokens kept back from what the store allows, for clock and network jitter between Folio and the store. */
const SAFETY_MARGIN = 1;

interface BucketShape {
  intervalMs: number;
  capacity: number;
  shopperReserve: number;
}

export function bucketShape(limit: PublishedLimit): BucketShape {
  const rate = Math.max(limit.ratePerSecond, 0.01);
  const burst = limit.burst ?? Math.max(1, Math.floor(rate));
  const capacity = Math.max(1, burst - SAFETY_MARGIN);
  return { intervalMs: 1000 / rate, capacity, shopperReserve: capacity >= 4 ? 2 : capacity >= 2 ? 1 : 0 };
}

/** GCRA: a request may go when the bucket's refill time is at most `allowance` ahead of now. */
function gcraTake(tat: number, now: number, intervalMs: number, allowanceMs: number): { tat: number; waitMs: number } {
  const start = Math.max(tat, now);
  const wait = start - now - allowanceMs;
  return wait > 0 ? { tat, waitMs: Math.max(1, Math.ceil(wait)) } : { tat: start + intervalMs, waitMs: 0 };
}

/** How far ahead of now the refill time may be for a request to go: the whole bucket for a shopper. */
function allowanceFor(shape: BucketShape, urgent: boolean): number {
  return (shape.capacity - 1 - (urgent ? 0 : shape.shopperReserve)) * shape.intervalMs;
}

/** The bucket in this process only: for a single process, and the fallback while Redis fails. */
export class LocalBudget implements RequestBudget {
  private readonly shape: BucketShape;
  private tat = 0;

  constructor(limit: PublishedLimit) {
    this.shape = bucketShape(limit);
  }

  async take(urgent: boolean): Promise<number> {
    const result = gcraTake(this.tat, Date.now(), this.shape.intervalMs, allowanceFor(this.shape, urgent));
    this.tat = result.tat;
    return result.waitMs;
  }

  async block(ms: number): Promise<void> {
    // Refill time set so that a shopper's request may go at now + ms, and no sooner.
    this.tat = Math.max(this.tat, Date.now() + ms + allowanceFor(this.shape, true));
  }
}

// Redis's own clock, so every process measures the bucket against the same time (Redis before 5 needs
// effects replication switched on to write after reading it).
const CLOCK = `
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000`;

const TAKE_SCRIPT = `${CLOCK}
local interval, allowance = tonumber(ARGV[1]), tonumber(ARGV[2])
local tat = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
local wait = tat - now - allowance
if wait > 0 then return math.max(1, math.ceil(wait)) end
redis.call('SET', KEYS[1], string.format('%.3f', tat + interval), 'PX', math.ceil(tat + interval - now) + 1000)
return 0`;

const BLOCK_SCRIPT = `${CLOCK}
local tat = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], string.format('%.3f', tat), 'PX', math.ceil(tat - now) + 1000)
return 0`;

type BudgetCommands = RedisClient & {
  folioBudgetTake(key: string, intervalMs: number, allowanceMs: number): Promise<number>;
  folioBudgetBlock(key: string, refillAheadMs: number): Promise<number>;
};

function withBudgetCommands(redis: RedisClient): BudgetCommands {
  const client = redis as BudgetCommands;
  if (typeof client.folioBudgetTake !== 'function') {
    redis.defineCommand('folioBudgetTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    redis.defineCommand('folioBudgetBlock', { numberOfKeys: 1, lua: BLOCK_SCRIPT });
  }
  return client;
}

/**
 * The bucket in Redis, shared by every process, so two workers never double a store's rate. When Redis
 * fails, this process falls back to its local bucket at the same rate.
 */
export class SharedBudget implements RequestBudget {
  private readonly shape: BucketShape;
  private readonly redis: BudgetCommands;
  private readonly fallback: LocalBudget;

  constructor(
    redis: RedisClient,
    private readonly key: string,
    limit: PublishedLimit,
  ) {
    this.redis = withBudgetCommands(redis);
    this.shape = bucketShape(limit);
    this.fallback = new LocalBudget(limit);
  }

  async take(urgent: boolean): Promise<number> {
    try {
      return Number(await this.redis.folioBudgetTake(this.key, this.shape.intervalMs, allowanceFor(this.shape, urgent)));
    } catch {
      return this.fallback.take(urgent);
    }
  }

  async block(ms: number): Promise<void> {
    await this.fallback.block(ms);
    try {
      await this.redis.folioBudgetBlock(this.key, ms + allowanceFor(this.shape, true));
    } catch {
      // best effort: the local pause still holds
    }
  }
}
