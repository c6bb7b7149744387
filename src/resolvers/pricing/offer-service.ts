import type { PubSub } from 'graphql-yoga';
import type { Kysely } from 'kysely';
import pLimit from 'p-limit';
import type { Database, OfferSource } from '../../db/database.js';
import type { FolioEvents } from '../../lib/events.js';
import { PartnerError, type PartnerQuote } from '../../partners/adapter.js';
import type { PartnerNetwork } from '../../partners/network.js';
import type { LookUpPriority } from '../../partners/price-lane.js';
import type { StoreRow } from '../stores/store-repository.js';
import type { StoreService } from '../stores/store-service.js';
import { landedCents } from './landed-price.js';
import type { OfferCache } from './offer-cache.js';
import { findFreshAbsences, type Observation, type OfferRow, recordObservations } from './offer-repository.js';

export interface RefreshOptions {
  /** Stores not asked by then are skipped; a shopper's answers must also be in by then. */
  deadline: number;
  /** A shopper waiting goes ahead of scheduled refreshes in each store's lane. */
  priority: LookUpPriority;
  source: OfferSource;
  /** Ends waiting early (worker shutdown); whatever has been answered by then is still recorded. */
  signal?: AbortSignal;
  /** Called as each store answers (the offersUpdated subscription streams these). */
  onQuote?: (store: StoreRow, quote: PartnerQuote | null) => void;
}

/** Scheduled refreshes writing at once, per process: a third of the default pool. */
const SCHEDULED_WRITERS = 6;

export interface RefreshOutcome {
  asked: number;
  answered: number;
  skipped: number;
  failed: number;
  changedStoreIds: number[];
}

export function createOfferService(db: Kysely<Database>, network: PartnerNetwork, stores: StoreService, events: PubSub<FolioEvents>, cache: OfferCache) {
  const scheduledWrites = pLimit(SCHEDULED_WRITERS);

  function publish(book: { id: number; isbn13: string }, o: Observation): void {
    events.publish('offersUpdated', book.isbn13, {
      bookId: book.id,
      storeId: o.storeId,
      priceCents: o.priceCents,
      shippingCents: o.shippingCents,
      currency: o.currency,
      inStock: o.inStock,
      fetchedAt: o.observedAt.toISOString(),
      source: o.source,
    });
  }
  return {
    /**
     * Asks the given stores (all enabled partners by default) for one book's price in parallel and
     * records every answer exactly as a scheduled refresh would.
     */
    async refreshBook(book: { id: number; isbn13: string }, options: RefreshOptions, only?: StoreRow[]): Promise<RefreshOutcome> {
      const targets = only ?? (await stores.partners());
      const { answers, answered, skipped, failed } = await askStores(network, book.isbn13, targets, {
        ...options,
        onQuote: (store, quote, at) => {
          options.onQuote?.(store, quote);
          // A shopper is watching this look-up: stream each answer as it comes.
          if (quote && options.priority === 'SHOPPER') publish(book, observationOf(store, quote, at, options.source));
        },
        // Recorded as any scheduled answer: in turn with other writes, announced only when it changed the offer.
        onLateAnswer: (answer) => void this.recordAnswers(book, [answer], { priority: 'REFRESH', source: options.source }).catch(() => undefined),
      });
      const changedStoreIds = await this.recordAnswers(book, answers, options);
      return { asked: targets.length, answered, skipped, failed, changedStoreIds };
    },

    /**
     * Records stores' answers about one book in one transaction (offers, history, rollups, an alert job
     * when something changed) and returns the stores whose offer changed. Answers a shopper was not
     * waiting for are announced to subscribers once recorded, and only when they changed something.
     */
    async recordAnswers(
      book: { id: number; isbn13: string },
      answers: readonly StoreAnswer[],
      options: { priority: LookUpPriority; source: OfferSource },
    ): Promise<number[]> {
      const { observations, absent } = observationsOf(answers, options.source);
      if (observations.length === 0 && absent.length === 0) return [];
      const write = () => db.transaction().execute((trx) => recordObservations(trx, book.id, observations, absent));
      // Hundreds of scheduled refreshes finish at once; they take turns so shoppers' queries still find connections.
      const { changedStoreIds } = options.priority === 'SHOPPER' ? await write() : await scheduledWrites(write);
      await cache.invalidate([book.id]);
      if (options.priority !== 'SHOPPER') {
        const changed = new Set(changedStoreIds);
        for (const observation of observations) if (changed.has(observation.storeId)) publish(book, observation);
      }
      return changedStoreIds;
    },

    /** Asks live the stores whose offer for the book is older than maxAgeSeconds or missing. */
    async refreshStale(book: { id: number; isbn13: string }, maxAgeSeconds: number, deadline: number): Promise<RefreshOutcome> {
      const [[offers], absent] = await Promise.all([this.offersOfBooks([book.id]), findFreshAbsences(db, book.id, maxAgeSeconds)]);
      const freshStores = new Set([
        ...(offers ?? []).filter((offer) => Date.now() - offer.fetchedAt.getTime() <= maxAgeSeconds * 1000).map((offer) => offer.storeId),
        ...absent,
      ]);
      const stale = (await stores.partners()).filter((store) => !freshStores.has(store.id));
      return this.refreshBook(book, { deadline, priority: 'SHOPPER', source: 'LIVE' }, stale);
    },

    /**
     * Asks one store now, ahead of scheduled refreshes; the answer is recorded like any live look-up.
     * null: the store does not carry it; NO_ANSWER: it did not answer in time.
     */
    async askStore(
      book: { id: number; isbn13: string },
      store: StoreRow,
      options: { timeoutMs: number; source: OfferSource },
    ): Promise<PartnerQuote | null | 'NO_ANSWER'> {
      let answer: PartnerQuote | null | 'NO_ANSWER' = 'NO_ANSWER';
      await this.refreshBook(
        book,
        { deadline: Date.now() + options.timeoutMs, priority: 'SHOPPER', source: options.source, onQuote: (_store, quote) => (answer = quote) },
        [store],
      );
      return answer;
    },

    /** Forgets cached offers of these books (after a write outside refreshBook). */
    invalidate: (bookIds: number[]) => cache.invalidate(bookIds),

    /** Current offers per book, cheapest landed price (price + shipping) first. */
    async offersOfBooks(bookIds: readonly number[]): Promise<OfferRow[][]> {
      const lists = await cache.load(bookIds);
      return lists.map((offers) => [...offers].sort((a, b) => landedCents(a) - landedCents(b) || a.storeId - b.storeId));
    },

    cacheHits: () => ({ ...cache.hits }),
  };
}

export type OfferService = ReturnType<typeof createOfferService>;

/** One store's answer about a book: its quote, or null when it does not carry the book. */
export interface StoreAnswer {
  store: StoreRow;
  quote: PartnerQuote | null;
  at: Date;
}

export interface AskOptions {
  deadline: number;
  priority: LookUpPriority;
  signal?: AbortSignal;
  onQuote?: (store: StoreRow, quote: PartnerQuote | null, at: Date) => void;
  /** A store's answer that came after the caller stopped waiting (a shopper's deadline). */
  onLateAnswer?: (answer: StoreAnswer) => void;
}

/**
 * Asks these stores for one ISBN in parallel, each through its lane (a store that cannot be asked in
 * time is skipped, never waited for). A shopper stops waiting at the deadline (what was sent by then
 * still answers, to `onLateAnswer`); a scheduled refresh lets what was sent in time finish.
 */
export async function askStores(network: PartnerNetwork, isbn13: string, targets: StoreRow[], options: AskOptions) {
  const answers: StoreAnswer[] = [];
  let skipped = 0;
  let failed = 0;
  const giveUp = deadlineOrAbort(options.priority === 'SHOPPER' ? options.deadline : Infinity, options.signal);
  const lookUp = { priority: options.priority, deadline: options.deadline };
  await Promise.all(
    targets.map(async (store) => {
      const lane = network.lane(store);
      if (!lane.admits(lookUp)) {
        skipped++;
        return;
      }
      const asked = lane.lookUp(isbn13, lookUp);
      try {
        const quote = await Promise.race([asked, giveUp.promise]);
        const answer = { store, quote, at: new Date() };
        answers.push(answer);
        options.onQuote?.(store, quote, answer.at);
      } catch (error) {
        // The caller stopped waiting; the store may still answer within its own timeout.
        if (giveUp.expired)
          asked.then(
            (quote) => options.onLateAnswer?.({ store, quote, at: new Date() }),
            () => undefined,
          );
        if (error instanceof PartnerError && error.kind === 'SKIPPED') skipped++;
        else failed++;
      }
    }),
  ).finally(giveUp.cancel);
  return { asked: targets.length, answered: answers.length, skipped, failed, answers };
}

/** What stores' answers record: an observation per quote, and the stores that said they do not carry the book. */
export function observationsOf(answers: readonly StoreAnswer[], source: OfferSource): { observations: Observation[]; absent: number[] } {
  return {
    observations: answers.flatMap(({ store, quote, at }) => (quote ? [observationOf(store, quote, at, source)] : [])),
    absent: answers.flatMap(({ store, quote }) => (quote ? [] : [store.id])),
  };
}

function observationOf(store: StoreRow, quote: PartnerQuote, at: Date, source: OfferSource): Observation {
  return {
    storeId: store.id,
    priceCents: quote.priceCents,
    shippingCents: quote.shippingCents,
    currency: quote.currency,
    inStock: quote.inStock,
    observedAt: at,
    source,
  };
}

/** A promise that rejects (SKIPPED) at the deadline or when the signal aborts; cancel() when done with it. */
function deadlineOrAbort(deadline: number, signal?: AbortSignal): { promise: Promise<never>; cancel: () => void; readonly expired: boolean } {
  let cancel = () => {};
  let expired = false;
  const promise = new Promise<never>((_, reject) => {
    const stop = () => reject(new PartnerError('SKIPPED', 'no answer before the deadline'));
    const timer = Number.isFinite(deadline)
      ? setTimeout(
          () => {
            expired = true;
            stop();
          },
          Math.max(0, deadline - Date.now()),
        )
      : undefined;
    signal?.addEventListener('abort', stop, { once: true });
    cancel = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
    };
  });
  promise.catch(() => {});
  return {
    promise,
    cancel,
    get expired() {
      return expired;
    },
  };
}
