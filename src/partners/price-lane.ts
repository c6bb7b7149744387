import { type Context, context } from '@opentelemetry/api';
import { type PartnerAdapter, PartnerError, type PartnerQuote } from './adapter.js';
import { jitteredBackoff, type StoreGuard } from './store-guard.js';

/**
 * A shopper waiting on an answer goes first; then the checks of what shoppers watch (alerts, carts,
 * auto-buys); then the scheduled refresh by demand.
 */
export type LookUpPriority = 'SHOPPER' | 'WATCH' | 'REFRESH';

export interface LookUpOptions {
  priority: LookUpPriority;
  /**
   * Not sent by then: dropped (SKIPPED) without using the store's budget. Once sent, a look-up gets the
   * store's full timeout: a shopper who stops waiting earlier leaves the answer to be recorded when it comes.
   */
  deadline: number;
}

export interface LaneOptions {
  /** The store's request budget (shared with other processes, so this process may get less). */
  ratePerSecond: number;
  /** ISBNs per request: 1 for stores without batch look-ups. */
  maxBatch: number;
  /** Requests to the store at once; bounds what a slow store can hold up. */
  maxInFlight: number;
  /** A failed look-up is tried again (jittered) this many times in all, while its deadline allows. */
  maxAttempts: number;
}

interface PendingLookUp {
  isbn13: string;
  /** The asker's trace context: the request made for it is a span of the operation that asked. */
  traced: Context;
  priority: LookUpPriority;
  deadline: number;
  attempts: number;
  notBefore: number;
  resolve: (quote: PartnerQuote | null) => void;
  reject: (error: Error) => void;
}

/** Time a request needs at least; a look-up with less left is dropped rather than sent. */
const MIN_USEFUL_MS = 25;

/**
 * All price look-ups for one store go through its lane: one queue (shoppers first), one consumer that
 * takes the store's request slots as they come and fills each request at that moment — a batch of
 * whatever is waiting where the store supports batches — so a store is asked exactly as fast as its
 * budget allows while there is work, however many books are being refreshed at once.
 */
export class PriceLane {
  private readonly shopper: PendingLookUp[] = [];
  private readonly watch: PendingLookUp[] = [];
  private readonly refresh: PendingLookUp[] = [];
  /** In the order they are served. */
  private readonly queues = [this.shopper, this.watch, this.refresh];
  private readonly stopping = new AbortController();
  private readonly coverage = new RollingShare();
  private inFlight = 0;
  private running = false;
  private wakeOnSlot: (() => void) | null = null;

  constructor(
    private readonly guard: StoreGuard,
    private readonly adapter: PartnerAdapter,
    private readonly options: LaneOptions,
  ) {}

  /**
   * Whether a look-up could be sent before its deadline at the store's rate, given what is queued ahead
   * of it. A refused scheduled look-up counts as missed. Callers with many look-ups ask this first: a
   * refusal then costs no promise and no error.
   */
  admits(options: LookUpOptions): boolean {
    if (this.stopping.signal.aborted) return false;
    if (Date.now() + this.expectedWait(options.priority) + MIN_USEFUL_MS <= options.deadline) return true;
    if (options.priority === 'REFRESH') this.coverage.add(false);
    return false;
  }

  lookUp(isbn13: string, options: LookUpOptions): Promise<PartnerQuote | null> {
    // The budget is booked until after the deadline: say so now rather than hold the caller until then.
    if (!this.admits(options)) return Promise.reject(skipped('the store budget is booked until after the deadline'));
    return new Promise((resolve, reject) => {
      const entry: PendingLookUp = { isbn13, traced: context.active(), ...options, attempts: 0, notBefore: 0, resolve, reject };
      this.queueOf(options.priority).push(entry);
      void this.run();
    });
  }

  /** Time until a new look-up of this priority would be sent, at the store's full rate. */
  private expectedWait(priority: LookUpPriority): number {
    const ahead = priority === 'SHOPPER' ? this.shopper.length : priority === 'WATCH' ? this.shopper.length + this.watch.length : this.queued;
    return Math.floor(ahead / this.options.maxBatch) * (1000 / this.options.ratePerSecond);
  }

  /** Share of scheduled look-ups answered before their deadline over the last ten minutes (null: none asked). */
  refreshCoverage(): { share: number | null; due: number } {
    return this.coverage.read();
  }

  get queued(): number {
    return this.shopper.length + this.watch.length + this.refresh.length;
  }

  /** Look-ups of this priority waiting to be sent. */
  waiting(priority: LookUpPriority): number {
    return this.queueOf(priority).length;
  }

  private queueOf(priority: LookUpPriority): PendingLookUp[] {
    return priority === 'SHOPPER' ? this.shopper : priority === 'WATCH' ? this.watch : this.refresh;
  }

  close(): void {
    this.stopping.abort();
    this.failAll(skipped('shutting down'));
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queued > 0 && !this.stopping.signal.aborted) {
        if (this.guard.circuit === 'OPEN') {
          this.failAll(skipped('circuit open'));
          break;
        }
        if (this.inFlight >= this.options.maxInFlight) {
          await new Promise<void>((resolve) => (this.wakeOnSlot = resolve));
          continue;
        }
        const waitForRetry = this.earliestStart() - Date.now();
        if (waitForRetry > 0) await sleep(waitForRetry);
        try {
          await this.guard.takeSlot(this.latestDeadline(), this.stopping.signal, this.shopper.length > 0);
        } catch {
          this.dropExpired();
          continue;
        }
        const batch = this.nextBatch();
        if (batch.length > 0) void this.send(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async send(batch: PendingLookUp[]): Promise<void> {
    this.inFlight++;
    try {
      // A batch serves several askers; its span goes with the first (shoppers are queued first).
      await context.with(batch[0]!.traced, async () => {
        if (batch.length === 1) {
          const quote = await this.guard.execute((signal) => this.adapter.getPrice(batch[0]!.isbn13, signal));
          this.settle(batch[0]!, quote);
        } else {
          const isbns = batch.map((entry) => entry.isbn13);
          const quotes = await this.guard.execute((signal) => this.adapter.getPrices(isbns, signal));
          for (const entry of batch) this.settle(entry, quotes.get(entry.isbn13) ?? null);
        }
      });
    } catch (error) {
      const partnerError = error instanceof PartnerError ? error : new PartnerError('NETWORK', String(error));
      for (const entry of batch) this.retryOrFail(entry, partnerError);
    } finally {
      this.inFlight--;
      this.wakeOnSlot?.();
      this.wakeOnSlot = null;
      void this.run();
    }
  }

  private retryOrFail(entry: PendingLookUp, error: PartnerError): void {
    entry.attempts++;
    const again = error.retryable || error.kind === 'RATE_LIMITED';
    const notBefore = Date.now() + jitteredBackoff(entry.attempts);
    if (again && entry.attempts < this.options.maxAttempts && notBefore + MIN_USEFUL_MS < entry.deadline) {
      entry.notBefore = notBefore;
      this.queueOf(entry.priority).unshift(entry);
    } else {
      this.fail(entry, error);
    }
  }

  /** What the next request carries: shoppers first, only look-ups whose retry pause is over, none expired. */
  private nextBatch(): PendingLookUp[] {
    this.dropExpired();
    const batch: PendingLookUp[] = [];
    const now = Date.now();
    for (const queue of this.queues) {
      for (let index = 0; index < queue.length && batch.length < this.options.maxBatch;) {
        if (queue[index]!.notBefore <= now) batch.push(...queue.splice(index, 1));
        else index++;
      }
    }
    return batch;
  }

  private dropExpired(): void {
    const cutoff = Date.now() + MIN_USEFUL_MS;
    for (const queue of this.queues) {
      for (let index = queue.length - 1; index >= 0; index--) {
        const entry = queue[index]!;
        if (entry.deadline <= cutoff) {
          queue.splice(index, 1);
          this.fail(entry, skipped('not asked before its deadline: the store budget was taken'));
        }
      }
    }
  }

  private earliestStart(): number {
    let earliest = Infinity;
    for (const queue of this.queues) for (const entry of queue) earliest = Math.min(earliest, entry.notBefore);
    return earliest;
  }

  private latestDeadline(): number {
    let latest = 0;
    for (const queue of this.queues) for (const entry of queue) latest = Math.max(latest, entry.deadline);
    return latest;
  }

  private failAll(error: PartnerError): void {
    for (const entry of this.queues.flatMap((queue) => queue.splice(0))) this.fail(entry, error);
  }

  private settle(entry: PendingLookUp, quote: PartnerQuote | null): void {
    if (entry.priority === 'REFRESH') this.coverage.add(true);
    entry.resolve(quote);
  }

  private fail(entry: PendingLookUp, error: Error): void {
    if (entry.priority === 'REFRESH') this.coverage.add(false);
    entry.reject(error);
  }
}

const MINUTE = 60_000;
const WINDOW_MINUTES = 10;

/** Hits and misses counted per minute over the last ten minutes. */
class RollingShare {
  private readonly minutes = new Map<number, { hits: number; total: number }>();

  add(hit: boolean): void {
    const minute = Math.floor(Date.now() / MINUTE);
    let bucket = this.minutes.get(minute);
    if (!bucket) {
      bucket = { hits: 0, total: 0 };
      this.minutes.set(minute, bucket);
      for (const key of this.minutes.keys()) if (key <= minute - WINDOW_MINUTES) this.minutes.delete(key);
    }
    bucket.total++;
    if (hit) bucket.hits++;
  }

  read(): { share: number | null; due: number } {
    const since = Math.floor(Date.now() / MINUTE) - WINDOW_MINUTES;
    let hits = 0;
    let total = 0;
    for (const [minute, bucket] of this.minutes) {
      if (minute <= since) continue;
      hits += bucket.hits;
      total += bucket.total;
    }
    return { share: total ? hits / total : null, due: total };
  }
}

function skipped(message: string): PartnerError {
  return new PartnerError('SKIPPED', message);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
