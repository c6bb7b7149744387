import type { Kysely } from 'kysely';
import FlatQueue from 'flatqueue';
import pg from 'pg';
import type { Config } from '../../../config.js';
import type { Database } from '../../../db/database.js';
import type { Logger } from '../../../lib/logger.js';
import { watchedPairAge, watchedPairOldest, watchedPairs } from '../../../lib/metrics.js';
import type { PartnerQuote } from '../../../partners/adapter.js';
import type { PartnerNetwork } from '../../../partners/network.js';
import type { StoreRow } from '../../stores/store-repository.js';
import type { StoreService } from '../../stores/store-service.js';
import type { OfferService } from '../offer-service.js';
import { crossingShare, StoreRepricing } from './crossing-odds.js';
import { findWatchedBooks, findWatchedOffers, rebuildWatchedBooks, touchOffers, type WatchedBookRow } from './watch-repository.js';

export interface WatchSettings {
  /** Every watched pair is checked at least this often while the stores' budgets allow. */
  objectiveMs: number;
  /** No watched pair goes unchecked longer than this: the oldest are asked first as they near it. */
  maxAgeMs: number;
  /** How often the watched set is rebuilt from alerts and carts. */
  reloadMs: number;
  /** Look-ups the planner hands out per second in all, to the likeliest crossings at any store (Folio's own CPU, not the stores, is then the limit). */
  lookUpsPerSecond: number;
}

/** The planner's settings from the process's configuration. */
export function watchSettings(
  config: Pick<Config, 'WATCH_OBJECTIVE_SECONDS' | 'WATCH_MAX_AGE_SECONDS' | 'WATCH_RELOAD_SECONDS' | 'WATCH_LOOKUPS_PER_SECOND'>,
): WatchSettings {
  return {
    objectiveMs: config.WATCH_OBJECTIVE_SECONDS * 1000,
    maxAgeMs: config.WATCH_MAX_AGE_SECONDS * 1000,
    reloadMs: config.WATCH_RELOAD_SECONDS * 1000,
    lookUpsPerSecond: config.WATCH_LOOKUPS_PER_SECOND,
  };
}

/** How often the planner hands each store its next look-ups. */
const TICK_MS = 1_000;

/** A pair just checked is not asked again sooner than this (or half the objective), however likely a crossing looks. */
const MIN_GAP_MS = 20_000;
/** Pairs this close to the bound (as a share of it) are asked before any other, oldest first. */
const URGENT_SHARE = 0.75;
/** A look-up the store could not send within this is dropped by its lane and chosen again later. */
const LOOK_UP_DEADLINE_MS = 10_000;
/** A pair this likely to fire on any change of the store's is checked more often than the objective. */
const CLOSE_SHARE = 0.5;
/** Answers are written together this often. */
const FLUSH_MS = 250;
/** Only one process plans (the stores' budgets are shared): the one holding this advisory lock. */
const PLANNER_LOCK = 0x466f6c69;
/** Ranks pairs nearing the bound above any pair ranked by its odds (age × rate × share stays far below it). */
const URGENT_RANK = 1e15;
/** How often the freshness gauges are updated. */
const MEASURE_MS = 5_000;
/** Pairs are queued by share in buckets this many to a halving (so CLOSE_SHARE is an edge), down to 2^-(BUCKETS / STEPS). */
const BUCKET_STEPS = 3;
const BUCKETS = 60;

interface WatchedBook extends WatchedBookRow {
  pairs: Map<number, Pair>;
}

interface Pair {
  book: WatchedBook;
  totalCents: number | null;
  inStock: boolean | null;
  /** When the pair's price was last known (0: never). */
  checkedAt: number;
  /** The chance that one change of the store's crosses a threshold watching the pair (kept up to date, not recomputed each tick). */
  share: number;
  /** The bucket queue holding the pair (null while it is being asked); copies left in other queues are skipped. */
  queue: FlatQueue<Pair> | null;
  /** No longer watched at this store: never queued again. */
  gone: boolean;
}

interface StorePlan {
  store: StoreRow;
  pairs: Set<Pair>;
  repricing: StoreRepricing;
  /** The store's pairs by share bucket, oldest check first in each: a bucket's head is its likeliest crossing. */
  buckets: FlatQueue<Pair>[];
  /** Look-ups the store can still take this tick. */
  room: number;
}

interface Answer {
  plan: StorePlan;
  pair: Pair;
  quote: PartnerQuote | null;
  at: Date;
  changed: boolean;
}

/**
 * Keeps what shoppers watch fresh. Every watched (book, store) pair is a candidate at its store; each
 * tick, each store gets as many look-ups as its budget takes in that time, chosen where a threshold
 * crossing is likeliest (the store's learned repricing rate, the price's distance to the thresholds
 * watching it), pairs nearing the bound first. Look-ups go through the store's lane ahead of the demand
 * tiers and behind waiting shoppers; answers that change nothing only move the offer's time on.
 */
export class WatchPlanner {
  private readonly books = new Map<number, WatchedBook>();
  private readonly plans = new Map<number, StorePlan>();
  private readonly answers: Answer[] = [];
  private timers: NodeJS.Timeout[] = [];
  private lockClient: pg.Client | null = null;
  private leading = false;
  private stopped = false;
  private reloading: Promise<void> | null = null;

  constructor(
    private readonly deps: { db: Kysely<Database>; databaseUrl: string; network: PartnerNetwork; stores: StoreService; offers: OfferService; logger?: Logger },
    private readonly settings: WatchSettings,
  ) {}

  /** Starts trying to lead (one planner per database); the leader plans until stopped. */
  start(): void {
    const attempt = () => void this.lead().catch((error: unknown) => this.deps.logger?.warn({ err: error }, 'watch planner: could not take the lead'));
    attempt();
    this.timers.push(setInterval(attempt, 10_000));
    // A reload that fails (the database busy or away) is tried again at the next one; nothing is lost meanwhile.
    this.timers.push(
      setInterval(
        () =>
          this.leading &&
          void this.reload().catch((error: unknown) => this.deps.logger?.warn({ err: error }, 'watch planner: could not reload the watched set')),
        this.settings.reloadMs,
      ),
    );
    this.timers.push(setInterval(() => this.leading && this.tick(), TICK_MS));
    this.timers.push(setInterval(() => this.measure(), MEASURE_MS));
    this.timers.push(setInterval(() => void this.flush(), FLUSH_MS));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.reloading;
    await this.flush();
    await this.lockClient?.end().catch(() => undefined);
  }

  /** Rebuilds the watched set now (after an alert is created, say) instead of at the next reload. */
  async reload(): Promise<void> {
    if (this.reloading) return this.reloading;
    this.reloading = this.load().finally(() => (this.reloading = null));
    return this.reloading;
  }

  private async lead(): Promise<void> {
    if (this.leading || this.stopped) return;
    const client = new pg.Client({ connectionString: this.deps.databaseUrl, application_name: 'folio-watch-planner' });
    client.on('error', () => this.lose(client));
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [PLANNER_LOCK]);
    if (!rows[0]?.locked || this.stopped) {
      await client.end();
      return;
    }
    client.on('end', () => this.lose(client));
    this.lockClient = client;
    this.leading = true;
    await this.reload();
  }

  private lose(client: pg.Client): void {
    if (this.lockClient !== client) return;
    this.lockClient = null;
    this.leading = false;
  }

  private async load(): Promise<void> {
    await rebuildWatchedBooks(this.deps.db);
    const [rows, partners] = await Promise.all([findWatchedBooks(this.deps.db), this.deps.stores.partners()]);
    for (const store of partners) {
      const plan = this.plans.get(store.id);
      if (plan) plan.store = store;
      else
        this.plans.set(store.id, {
          store,
          pairs: new Set(),
          repricing: new StoreRepricing(),
          buckets: Array.from({ length: BUCKETS }, () => new FlatQueue<Pair>()),
          room: 0,
        });
    }
    for (const storeId of [...this.plans.keys()]) if (!partners.some((store) => store.id === storeId)) this.plans.delete(storeId);
    const watched = new Set(rows.map((row) => row.bookId));
    for (const [bookId, book] of this.books) if (!watched.has(bookId)) this.forget(book);
    const added: WatchedBook[] = [];
    for (const row of rows) {
      const book = this.books.get(row.bookId);
      if (!book) added.push({ ...row, pairs: new Map() });
      else if (
        book.firesAtOrBelowCents !== row.firesAtOrBelowCents ||
        book.firesAtOrAboveCents !== row.firesAtOrAboveCents ||
        book.anyChange !== row.anyChange
      ) {
        Object.assign(book, row);
        for (const [storeId, pair] of book.pairs) {
          const plan = this.plans.get(storeId);
          if (!plan) continue;
          pair.share = crossingShare(pair, book, plan.repricing);
          if (pair.queue && pair.queue !== plan.buckets[bucketOf(pair.share)]) this.enqueue(plan, pair);
        }
      }
    }
    const since = new Date(Date.now() - 86_400_000);
    const offers = await findWatchedOffers(
      this.deps.db,
      added.map((book) => book.bookId),
      [...this.plans.keys()],
      since,
    );
    for (const book of added) this.books.set(book.bookId, book);
    for (const offer of offers) {
      const book = this.books.get(offer.bookId);
      const plan = this.plans.get(offer.storeId);
      if (!book || !plan) continue;
      const pair: Pair = {
        book,
        totalCents: offer.totalCents === null ? null : Number(offer.totalCents),
        inStock: offer.inStock,
        checkedAt: offer.fetchedAt?.getTime() ?? 0,
        share: 1,
        queue: null,
        gone: false,
      };
      pair.share = crossingShare(pair, book, plan.repricing);
      book.pairs.set(offer.storeId, pair);
      plan.pairs.add(pair);
      this.enqueue(plan, pair);
    }
    this.measure();
  }

  private forget(book: WatchedBook): void {
    for (const [storeId, pair] of book.pairs) this.drop(storeId, pair);
    this.books.delete(book.bookId);
  }

  private drop(storeId: number, pair: Pair): void {
    this.plans.get(storeId)?.pairs.delete(pair);
    pair.book.pairs.delete(storeId);
    pair.gone = true;
    pair.queue = null;
  }

  /** Queues the pair in its share's bucket, behind the pairs checked before it (a copy left in another bucket is then skipped). */
  private enqueue(plan: StorePlan, pair: Pair): void {
    if (pair.gone) return;
    pair.queue = plan.buckets[bucketOf(pair.share)]!;
    pair.queue.push(pair, pair.checkedAt);
  }

  /**
   * Hands out this tick's look-ups where crossings are likeliest across all stores (Folio's own CPU bounds
   * them in all), never more at a store than its budget takes until the next tick. Only the heads of the
   * stores' buckets compete, so a tick costs the look-ups it hands out, not the number of pairs watched.
   */
  tick(now = Date.now()): void {
    let left = Math.max(1, Math.round((this.settings.lookUpsPerSecond * TICK_MS) / 1000));
    const heads = new FlatQueue<{ plan: StorePlan; bucket: FlatQueue<Pair> }>();
    const offer = (plan: StorePlan, bucket: FlatQueue<Pair>) => {
      const rank = this.rankOfHead(plan, bucket, now);
      if (rank !== null) heads.push({ plan, bucket }, -rank);
    };
    for (const plan of this.plans.values()) {
      plan.room = Math.min(left, this.roomAt(plan));
      if (plan.room > 0) for (const bucket of plan.buckets) offer(plan, bucket);
    }
    while (left > 0 && heads.length > 0) {
      const { plan, bucket } = heads.pop()!;
      this.ask(plan, bucket.pop()!, now);
      left--;
      if (--plan.room > 0) offer(plan, bucket);
    }
  }

  /** Look-ups the store can take until the next tick (a batch store's requests carry many each), less those still waiting. */
  private roomAt(plan: StorePlan): number {
    const perTick = Math.max(1, Math.ceil(((plan.store.rateLimitPerSecond ?? 1) * TICK_MS) / 1000)) * Math.max(1, plan.store.maxBatch);
    return 2 * perTick - this.deps.network.lane(plan.store).waiting('WATCH');
  }

  /**
   * The rank of the bucket's oldest pair, or null when nothing in the bucket is due (the rest are younger).
   * The odds of a crossing since the last check rise with age × the store's rate × the pair's share, which
   * ranks pairs across stores; pairs nearing the bound rank above all, oldest first. Copies of pairs that
   * have moved on are dropped here.
   */
  private rankOfHead(plan: StorePlan, bucket: FlatQueue<Pair>, now: number): number | null {
    while (bucket.length > 0 && (bucket.peek()!.queue !== bucket || bucket.peekValue() !== bucket.peek()!.checkedAt)) bucket.pop();
    const pair = bucket.peek();
    if (!pair) return null;
    const { objectiveMs, maxAgeMs } = this.settings;
    const age = now - pair.checkedAt;
    if (age < Math.min(MIN_GAP_MS, objectiveMs / 2)) return null;
    if (age < objectiveMs && pair.share < CLOSE_SHARE) return null;
    return age >= maxAgeMs * URGENT_SHARE ? URGENT_RANK + age : age * plan.repricing.ratePerMs * pair.share;
  }

  private ask(plan: StorePlan, pair: Pair, now: number): void {
    pair.queue = null;
    this.deps.network
      .lane(plan.store)
      .lookUp(pair.book.isbn13, { priority: 'WATCH', deadline: now + LOOK_UP_DEADLINE_MS })
      .then((quote) => this.answered(plan, pair, quote))
      .catch(() => undefined)
      .finally(() => this.enqueue(plan, pair));
  }

  private answered(plan: StorePlan, pair: Pair, quote: PartnerQuote | null): void {
    const at = new Date();
    const total = quote ? quote.priceCents + quote.shippingCents : null;
    const changed = total !== pair.totalCents || (quote?.inStock ?? null) !== pair.inStock;
    if (pair.checkedAt > 0 && pair.totalCents !== null && total !== null) {
      plan.repricing.observe(at.getTime() - pair.checkedAt, changed ? (pair.totalCents - total) / pair.totalCents : null);
    }
    if (pair.checkedAt > 0) watchedPairAge.observe((at.getTime() - pair.checkedAt) / 1000);
    pair.totalCents = total;
    pair.inStock = quote?.inStock ?? null;
    pair.checkedAt = at.getTime();
    pair.share = crossingShare(pair, pair.book, plan.repricing);
    // A store that does not carry the book is not watched there (the demand tiers notice if it starts to).
    if (!quote) this.drop(plan.store.id, pair);
    this.answers.push({ plan, pair, quote, at, changed });
  }

  /** Writes the answers gathered since the last flush: a change as any refresh records it, the rest as a time. */
  private async flush(): Promise<void> {
    const batch = this.answers.splice(0);
    if (batch.length === 0) return;
    try {
      await touchOffers(
        this.deps.db,
        batch.filter((answer) => !answer.changed).map((answer) => ({ bookId: answer.pair.book.bookId, storeId: answer.plan.store.id, at: answer.at })),
      );
      const byBook = new Map<WatchedBook, Answer[]>();
      for (const answer of batch) {
        if (!answer.changed) continue;
        const answers = byBook.get(answer.pair.book);
        if (answers) answers.push(answer);
        else byBook.set(answer.pair.book, [answer]);
      }
      await Promise.all(
        [...byBook].map(([book, answers]) =>
          this.deps.offers.recordAnswers(
            { id: book.bookId, isbn13: book.isbn13 },
            answers.map(({ plan, quote, at }) => ({ store: plan.store, quote, at })),
            { priority: 'WATCH', source: 'CRAWL' },
          ),
        ),
      );
    } catch (error) {
      this.deps.logger?.warn({ err: error, answers: batch.length }, 'watch planner: could not record answers');
    }
  }

  private measure(now = Date.now()): void {
    if (!this.leading) return;
    let all = 0;
    let fresh = 0;
    let late = 0;
    let oldest = 0;
    for (const plan of this.plans.values()) {
      for (const pair of plan.pairs) {
        const age = now - pair.checkedAt;
        all++;
        if (age <= this.settings.objectiveMs) fresh++;
        if (age > this.settings.maxAgeMs) late++;
        oldest = Math.max(oldest, pair.checkedAt === 0 ? 0 : age);
      }
    }
    watchedPairs.set({ state: 'all' }, all);
    watchedPairs.set({ state: 'fresh' }, fresh);
    watchedPairs.set({ state: 'late' }, late);
    watchedPairOldest.set(oldest / 1000);
  }
}

function bucketOf(share: number): number {
  return share >= 1 ? 0 : Math.min(BUCKETS - 1, Math.floor(-Math.log2(Math.max(share, Number.MIN_VALUE)) * BUCKET_STEPS));
}
