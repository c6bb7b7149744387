import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { OfferService, RefreshOutcome } from './offer-service.js';
import { markRefreshed, scheduleDueRefreshes, trackBooks } from './refresh-schedule.js';

/**
 * How long a scheduled refresh waits for each store. A store with a small budget cannot answer for every
 * book; what it has not reached by then is left to the book's next round (and shows in its coverage).
 */
export const SCHEDULED_WAIT_MS = 15_000;

export function createRefreshService(db: Kysely<Database>, catalog: CatalogService, offers: OfferService) {
  return {
    trackBooks: () => trackBooks(db),
    scheduleDue: (limit: number) => scheduleDueRefreshes(db, limit),

    async refreshBook(bookId: number, signal?: AbortSignal): Promise<RefreshOutcome | null> {
      const [book] = await catalog.booksByIds([bookId]);
      if (!book) return null;
      const outcome = await offers.refreshBook(book, { deadline: Date.now() + SCHEDULED_WAIT_MS, priority: 'REFRESH', source: 'CRAWL', signal });
      await markRefreshed(db, bookId, outcome.asked ? outcome.changedStoreIds.length / outcome.asked : 0);
      return outcome;
    },
  };
}
