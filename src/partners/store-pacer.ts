import { PartnerError } from './adapter.js';
import type { RequestBudget } from './request-budget.js';

const CATCH_UP_MS = 250;

interface Waiter {
  urgent: boolean;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  detach: () => void;
}

/**
 * Hands out one store's request budget, first come first served. Grants are spaced evenly (never
 * faster than the store's rate, never in a catch-up burst after a stall) and each one also takes a
 * token from the store's bucket (shared by every process), so all together stay within the limit.
 * Only this pacer talks to the bucket: callers queue here instead of each polling it.
 */
export class StorePacer {
  private readonly waiters: Waiter[] = [];
  private readonly spacingMs: number;
  private nextGrantAt = 0;
  private blockedUntil = 0;
  private pumping = false;

  constructor(
    private readonly key: string,
    ratePerSecond: number,
    private readonly budget: RequestBudget,
  ) {
    this.spacingMs = 1000 / Math.max(ratePerSecond, 0.01);
  }

  /**
   * Waits for the next request slot; fails with SKIPPED if none comes before the deadline or the signal
   * aborts. An urgent caller (a shopper is waiting) goes first and does not wait for the even spacing:
   * it only needs a token from the store's bucket, and may take the few that scheduled work leaves.
   */
  take(deadline: number, signal?: AbortSignal, urgent = false): Promise<void> {
    if (signal?.aborted) return Promise.reject(skipped(`stopped waiting for ${this.key}`));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        urgent,
        resolve: () => {
          waiter.detach();
          resolve();
        },
        reject: (error) => {
          waiter.detach();
          reject(error);
        },
        timer: setTimeout(() => this.abandon(waiter, skipped(`request budget of ${this.key} used up`)), Math.max(0, deadline - Date.now())),
        detach: () => {
          clearTimeout(waiter.timer);
          signal?.removeEventListener('abort', onAbort);
        },
      };
      const onAbort = () => this.abandon(waiter, skipped(`stopped waiting for ${this.key}`));
      signal?.addEventListener('abort', onAbort, { once: true });
      if (urgent) this.waiters.splice(this.waiters.filter((other) => other.urgent).length, 0, waiter);
      else this.waiters.push(waiter);
      void this.pump();
    });
  }

  /** After a 429: no grants until Retry-After has passed, here and (through the bucket) in every process. */
  async block(ms: number): Promise<void> {
    this.blockedUntil = Math.max(this.blockedUntil, Date.now() + ms);
    await this.budget.block(ms);
  }

  get queued(): number {
    return this.waiters.length;
  }

  private abandon(waiter: Waiter, error: Error): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
    waiter.reject(error);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiters.length > 0) {
        const urgent = this.waiters[0]!.urgent;
        const wait = Math.max(urgent ? 0 : this.nextGrantAt, this.blockedUntil) - Date.now();
        if (wait > 0) await sleep(wait);
        if (this.waiters.length === 0) break;
        const pause = await this.takeToken(urgent);
        if (pause > 0) {
          this.nextGrantAt = Math.max(this.nextGrantAt, Date.now() + pause);
          if (urgent) await sleep(pause);
          continue;
        }
        // An urgent grant comes on top of the timeline; the bucket keeps the second within the limit.
        if (!this.waiters[0]!.urgent) this.nextGrantAt = this.nextSlotAfter(Date.now());
        this.waiters.shift()?.resolve();
      }
    } finally {
      this.pumping = false;
    }
  }

  /**
   * Slots follow a fixed timeline, so a timer that fires late (a busy event loop) does not slow the
   * store down: when this grant came at most a quarter second late, the next slot keeps to the timeline
   * (and may be due at once), well inside the burst a store allows, while the bucket still holds the
   * store to its rate. After a longer gap (idle, or a stall) the timeline starts afresh.
   */
  private nextSlotAfter(now: number): number {
    const late = now - this.nextGrantAt;
    return late <= CATCH_UP_MS ? this.nextGrantAt + this.spacingMs : now + this.spacingMs;
  }

  /** 0 when a token was taken; otherwise how long until the bucket has one (spread a little between processes). */
  private async takeToken(urgent: boolean): Promise<number> {
    const wait = await this.budget.take(urgent);
    return wait > 0 ? wait + Math.random() * 5 : 0;
  }
}

function skipped(message: string): PartnerError {
  return new PartnerError('SKIPPED', message);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
