import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { OfferService, RefreshOutcome } from './offer-service.js';
import { markRefreshed, scheduleDueRefreshes, trackBooks } from './refresh-schedule.js';

/** A scheduled refresh may wait this long for stores' budgets before giving up on the slow ones. */
const SCHEDULED_DEADLINE_MS = 120_000;

export function createRefreshService(db: Kysely<Database>, catalog: CatalogService, offers: OfferService) {
  return {
    trackBooks: () => trackBooks(db),
    scheduleDue: (limit: number) => scheduleDueRefreshes(db, limit),

    async refreshBook(bookId: number, signal?: AbortSignal): Promise<RefreshOutcome | null> {
      const [book] = await catalog.booksByIds([bookId]);
      if (!book) return null;
      const outcome = await offers.refreshBook(book, { deadline: Date.now() + SCHEDULED_DEADLINE_MS, waitForBudget: true, source: 'CRAWL', signal });
      await markRefreshed(db, bookId, outcome.asked ? outcome.changedStoreIds.length / outcome.asked : 0);
      return outcome;
    },
  };
}
