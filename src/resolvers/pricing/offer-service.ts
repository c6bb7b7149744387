import type { PubSub } from 'graphql-yoga';
import type { Kysely } from 'kysely';
import type { Database, OfferSource } from '../../db/database.js';
import type { FolioEvents } from '../../lib/events.js';
import { PartnerError, type PartnerQuote } from '../../partners/adapter.js';
import type { PartnerNetwork } from '../../partners/network.js';
import type { LookUpPriority } from '../../partners/price-lane.js';
import type { StoreRow } from '../stores/store-repository.js';
import type { StoreService } from '../stores/store-service.js';
import type { OfferCache } from './offer-cache.js';
import { type Observation, type OfferRow, recordObservations } from './offer-repository.js';

export interface RefreshOptions {
  /** Absolute time by which answers must be in; slower stores are skipped. */
  deadline: number;
  /** A shopper waiting goes ahead of scheduled refreshes in each store's lane. */
  priority: LookUpPriority;
  source: OfferSource;
  /** Ends waiting early (worker shutdown); whatever has been answered by then is still recorded. */
  signal?: AbortSignal;
  /** Called as each store answers (the offersUpdated subscription streams these). */
  onQuote?: (store: StoreRow, quote: PartnerQuote | null) => void;
}

export interface RefreshOutcome {
  asked: number;
  answered: number;
  skipped: number;
  failed: number;
  changedStoreIds: number[];
}

export function createOfferService(
  db: Kysely<Database>,
  network: PartnerNetwork,
  stores: StoreService,
  events: PubSub<FolioEvents>,
  cache: OfferCache,
) {
  /** The store's answer, or SKIPPED once the deadline passes or the caller stops waiting. */
  function ask(store: StoreRow, isbn13: string, options: RefreshOptions, giveUp: Promise<never>): Promise<PartnerQuote | null> {
    return Promise.race([network.lane(store).lookUp(isbn13, { priority: options.priority, deadline: options.deadline }), giveUp]);
  }

  return {
    /**
     * Asks the given stores (all enabled partners by default) for one book's price in parallel and
     * records every answer exactly as a scheduled refresh would.
     */
    async refreshBook(book: { id: number; isbn13: string }, options: RefreshOptions, only?: StoreRow[]): Promise<RefreshOutcome> {
      const targets = only ?? (await stores.partners());
      const observations: Observation[] = [];
      let answered = 0;
      let skipped = 0;
      let failed = 0;
      const giveUp = deadlineOrAbort(options.deadline, options.signal);
      await Promise.all(
        targets.map(async (store) => {
          try {
            const quote = await ask(store, book.isbn13, options, giveUp.promise);
            answered++;
            options.onQuote?.(store, quote);
            if (quote) {
              const observedAt = new Date();
              observations.push({
                storeId: store.id, priceCents: quote.priceCents, shippingCents: quote.shippingCents,
                inStock: quote.inStock, observedAt, source: options.source,
              });
              events.publish('offersUpdated', book.isbn13, {
                bookId: book.id, storeId: store.id, priceCents: quote.priceCents, shippingCents: quote.shippingCents,
                currency: quote.currency, inStock: quote.inStock, fetchedAt: observedAt.toISOString(), source: options.source,
              });
            }
          } catch (error) {
            if (error instanceof PartnerError && error.kind === 'SKIPPED') skipped++;
            else failed++;
          }
        }),
      ).finally(giveUp.cancel);
      const { changedStoreIds } = await db.transaction().execute((trx) => recordObservations(trx, book.id, observations));
      if (observations.length > 0) await cache.invalidate([book.id]);
      return { asked: targets.length, answered, skipped, failed, changedStoreIds };
    },

    /** Asks live the stores whose offer for the book is older than maxAgeSeconds or missing. */
    async refreshStale(book: { id: number; isbn13: string }, maxAgeSeconds: number, deadline: number): Promise<RefreshOutcome> {
      const [offers] = await this.offersOfBooks([book.id]);
      const freshStores = new Set(
        (offers ?? []).filter((offer) => Date.now() - offer.fetchedAt.getTime() <= maxAgeSeconds * 1000).map((offer) => offer.storeId),
      );
      const stale = (await stores.partners()).filter((store) => !freshStores.has(store.id));
      return this.refreshBook(book, { deadline, priority: 'SHOPPER', source: 'LIVE' }, stale);
    },

    /** Current offers per book, cheapest landed price (price + shipping) first. */
    async offersOfBooks(bookIds: readonly number[]): Promise<OfferRow[][]> {
      const lists = await cache.load(bookIds);
      return lists.map((offers) =>
        [...offers].sort((a, b) => a.priceCents + a.shippingCents - (b.priceCents + b.shippingCents) || a.storeId - b.storeId),
      );
    },

    cacheHits: () => ({ ...cache.hits }),
  };
}

export type OfferService = ReturnType<typeof createOfferService>;

/** A promise that rejects (SKIPPED) at the deadline or when the signal aborts; cancel() when done with it. */
function deadlineOrAbort(deadline: number, signal?: AbortSignal): { promise: Promise<never>; cancel: () => void } {
  let cancel = () => {};
  const promise = new Promise<never>((_, reject) => {
    const stop = () => reject(new PartnerError('SKIPPED', 'no answer before the deadline'));
    const timer = setTimeout(stop, Math.max(0, deadline - Date.now()));
    signal?.addEventListener('abort', stop, { once: true });
    cancel = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
    };
  });
  promise.catch(() => {});
  return { promise, cancel };
}
