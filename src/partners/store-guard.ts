import CircuitBreaker from 'opossum';
import { partnerCalls } from '../lib/metrics.js';
import { PartnerError } from './adapter.js';
import type { StorePacer } from './store-pacer.js';

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
  /** Hands out the store's request budget, shared by every process. */
  pacer: StorePacer;
  /** Failures (in share of calls in the window) that open the circuit, and after how long it half-opens. */
  errorThresholdPercentage?: number;
  volumeThreshold?: number;
  resetTimeoutMs?: number;
  retries?: number;
}

export interface CallOptions {
  /** Only idempotent calls are retried: look-ups, and orders, which carry a reference the partner keeps them apart by. */
  idempotent: boolean;
  /** Absolute time (ms since epoch) after which the call is not worth making, nor waiting for budget. */
  deadline: number;
  /** Stops waiting for budget or back-off when the caller is shutting down. */
  signal?: AbortSignal;
  /** A shopper is waiting: go first for the store's budget (see StorePacer.take). */
  urgent?: boolean;
}

const WINDOW = 200;

/**
 * Everything between Folio and one partner store: its request budget (shared by every process), a pause
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
    const latencies = this.outcomes
      .filter((outcome) => outcome.ok)
      .map((outcome) => outcome.ms)
      .sort((a, b) => a - b);
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
    await this.options.pacer.take(options.deadline, options.signal, options.urgent);
    return this.execute(action, options.deadline);
  }

  /**
   * One request through the breaker within the store's timeout, for a caller that already holds a slot
   * of the store's budget (the price lane takes slots itself so it can fill a batch at the last moment).
   * A caller that must have its answer sooner passes `answerBy`; running out of that time is the
   * caller's limit, not the store's failure, so it is SKIPPED and does not count against the store.
   */
  async execute<T>(action: (signal: AbortSignal) => Promise<T>, answerBy = Infinity): Promise<T> {
    if (this.breaker.opened) throw new PartnerError('SKIPPED', `circuit open for ${this.options.slug}`);
    const callerLimitMs = answerBy - Date.now();
    const cutShort = callerLimitMs < this.options.timeoutMs;
    const signal = AbortSignal.timeout(Math.max(1, Math.min(this.options.timeoutMs, callerLimitMs)));
    const started = performance.now();
    try {
      const result = (await this.breaker.fire(async () => {
        try {
          return await action(signal);
        } catch (error) {
          if (cutShort && error instanceof PartnerError && error.kind === 'TIMEOUT')
            throw new PartnerError('SKIPPED', 'no answer before the caller had to stop waiting');
          throw error;
        }
      })) as T;
      this.record(true, performance.now() - started, null);
      partnerCalls.observe({ store: this.options.slug, outcome: 'ok' }, (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      if (isOpenCircuit(error)) throw new PartnerError('SKIPPED', `circuit open for ${this.options.slug}`);
      const partnerError = error instanceof PartnerError ? error : new PartnerError('NETWORK', String(error));
      partnerCalls.observe({ store: this.options.slug, outcome: partnerError.kind.toLowerCase() }, (performance.now() - started) / 1000);
      if (partnerError.kind === 'RATE_LIMITED') await this.options.pacer.block(partnerError.retryAfterMs ?? 1000);
      else if (partnerError.countsAgainstStore) this.record(false, performance.now() - started, `${partnerError.kind}: ${partnerError.message}`);
      throw partnerError;
    }
  }

  takeSlot(deadline: number, signal?: AbortSignal, urgent = false): Promise<void> {
    return this.options.pacer.take(deadline, signal, urgent);
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
export function jitteredBackoff(attempt: number): number {
  return Math.random() * Math.min(2_000, 100 * 2 ** attempt);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
