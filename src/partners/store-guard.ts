import CircuitBreaker from 'opossum';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { PartnerError } from './adapter.js';

export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface StoreHealthSnapshot {
  circuit: CircuitState;
  successRate: number;
  p95LatencyMs: number | null;
  lastError: string | null;
  calls: number;
}

export interface GuardOptions {
  slug: string;
  timeoutMs: number;
  /** The shared token bucket for this store (Redis-backed when configured). */
  limiter: RateLimiterAbstract;
  /** Failures (in share of calls in the window) that open the circuit, and after how long it half-opens. */
  errorThresholdPercentage?: number;
  volumeThreshold?: number;
  resetTimeoutMs?: number;
  retries?: number;
}

export interface CallOptions {
  /** Only idempotent calls (look-ups) are retried; orders never are. */
  idempotent: boolean;
  /** Absolute time (ms since epoch) after which the call is not worth making. */
  deadline: number;
  /** Wait for budget (scheduled refresh) rather than give up at once (a shopper is waiting). */
  waitForBudget: boolean;
  /** Stops waiting for budget or back-off when the caller is shutting down. */
  signal?: AbortSignal;
}

const WINDOW = 200;

/**
 * Everything between Folio and one partner store: its token bucket (shared by every process), a pause
 * after a 429 for as long as Retry-After says, a timeout, jittered retries for idempotent calls, and a
 * circuit breaker. Records the outcome of each call for Store.health.
 */
export class StoreGuard {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private readonly outcomes: { ok: boolean; ms: number }[] = [];
  private lastError: string | null = null;

  constructor(private readonly options: GuardOptions) {
    this.breaker = new CircuitBreaker((action: () => Promise<unknown>) => action(), {
      timeout: false,
      errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
      volumeThreshold: options.volumeThreshold ?? 5,
      resetTimeout: options.resetTimeoutMs ?? 10_000,
      rollingCountTimeout: 10_000,
      // Throttling is about our pace, not the store's health.
      errorFilter: (error: unknown) => error instanceof PartnerError && !error.countsAgainstStore,
    });
  }

  get circuit(): CircuitState {
    if (this.breaker.opened) return 'OPEN';
    if (this.breaker.halfOpen) return 'HALF_OPEN';
    return 'CLOSED';
  }

  async call<T>(action: (signal: AbortSignal) => Promise<T>, options: CallOptions): Promise<T> {
    const attempts = options.idempotent ? 1 + (this.options.retries ?? 2) : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(action, options);
      } catch (error) {
        const retry = error instanceof PartnerError && error.retryable && attempt < attempts;
        const pause = jitteredBackoff(attempt);
        if (!retry || options.signal?.aborted || Date.now() + pause + 50 >= options.deadline) throw error;
        await sleep(pause);
      }
    }
  }

  health(): StoreHealthSnapshot {
    const latencies = this.outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.ms).sort((a, b) => a - b);
    const successes = this.outcomes.filter((outcome) => outcome.ok).length;
    return {
      circuit: this.circuit,
      successRate: this.outcomes.length ? successes / this.outcomes.length : 1,
      p95LatencyMs: latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))]!) : null,
      lastError: this.lastError,
      calls: this.outcomes.length,
    };
  }

  shutdown(): void {
    this.breaker.shutdown();
  }

  private async attempt<T>(action: (signal: AbortSignal) => Promise<T>, options: CallOptions): Promise<T> {
    if (this.breaker.opened) throw new PartnerError('SKIPPED', `circuit open for ${this.options.slug}`);
    await this.acquire(options);
    const remaining = options.deadline - Date.now();
    const signal = AbortSignal.timeout(Math.max(1, Math.min(this.options.timeoutMs, remaining)));
    const started = performance.now();
    try {
      const result = (await this.breaker.fire(() => action(signal))) as T;
      this.record(true, performance.now() - started, null);
      return result;
    } catch (error) {
      if (isOpenCircuit(error)) throw new PartnerError('SKIPPED', `circuit open for ${this.options.slug}`);
      const partnerError = error instanceof PartnerError ? error : new PartnerError('NETWORK', String(error));
      if (partnerError.kind === 'RATE_LIMITED') await this.backOff(partnerError.retryAfterMs ?? 1000);
      else this.record(false, performance.now() - started, `${partnerError.kind}: ${partnerError.message}`);
      throw partnerError;
    }
  }

  /** Takes a token from the store's bucket, waiting for the next one if the caller can afford to. */
  private async acquire(options: CallOptions): Promise<void> {
    const key = this.options.slug;
    while (true) {
      try {
        await this.options.limiter.consume(key, 1);
        return;
      } catch (rejection) {
        if (rejection instanceof Error) return; // the shared store failed; the insurance limiter has decided
        const wait = (rejection as RateLimiterRes).msBeforeNext + Math.random() * 20;
        if (!options.waitForBudget || options.signal?.aborted || Date.now() + wait >= options.deadline) {
          throw new PartnerError('SKIPPED', `request budget of ${key} used up`);
        }
        await sleep(wait);
      }
    }
  }

  /** A 429 blocks the store's bucket for everyone until Retry-After has passed. */
  private async backOff(ms: number): Promise<void> {
    try {
      await this.options.limiter.block(this.options.slug, Math.max(1, Math.ceil(ms / 1000)));
    } catch {
      // best effort: the bucket keeps pacing us anyway
    }
  }

  private record(ok: boolean, ms: number, error: string | null): void {
    this.outcomes.push({ ok, ms });
    if (this.outcomes.length > WINDOW) this.outcomes.shift();
    if (error) this.lastError = error;
  }
}

function isOpenCircuit(error: unknown): boolean {
  return error instanceof Error && (error as { code?: string }).code === 'EOPENBREAKER';
}

/** Full jitter: a random wait up to 100 ms × 2^attempt (at most 2 s), so retries from many callers spread out. */
function jitteredBackoff(attempt: number): number {
  return Math.random() * Math.min(2_000, 100 * 2 ** attempt);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
