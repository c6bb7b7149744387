import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { OfferService, RefreshOutcome } from './offer-service.js';
import { markRefreshed, retierBooks, scheduleDueRefreshes, trackBooks } from './refresh-schedule.js';

/**
 * How long a scheduled refresh waits for its turn at each store. A store with a small budget cannot
 * answer for every book: its lane turns away at once what it cannot send in time, and that is left to
 * the book's next round (and shows in the store's refresh coverage). Short, so books flow through the
 * stores with budget to spare instead of queueing behind the ones without.
 */
export const SCHEDULED_WAIT_MS = 3_000;

export function createRefreshService(db: Kysely<Database>, catalog: CatalogService, offers: OfferService) {
  return {
    trackBooks: () => trackBooks(db),
    scheduleDue: (limit: number) => scheduleDueRefreshes(db, limit),
    retier: () => retierBooks(db),

    async refreshBook(bookId: number, signal?: AbortSignal): Promise<RefreshOutcome | null> {
      const [book] = await catalog.booksByIds([bookId]);
      if (!book) return null;
      const outcome = await offers.refreshBook(book, { deadline: Date.now() + SCHEDULED_WAIT_MS, priority: 'REFRESH', source: 'CRAWL', signal });
      await markRefreshed(db, bookId, outcome.asked ? outcome.changedStoreIds.length / outcome.asked : 0);
      return outcome;
    },
  };
}
