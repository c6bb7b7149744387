import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Asks every partner store for one book's price, within each store's budget, and records the answers. */
export const refreshOffersTask = defineTask({
  name: 'refresh_offers',
  schema: z.object({ bookId: z.number().int().positive() }),
  run: async ({ bookId }, { services, logger, signal }) => {
    const outcome = await services.refresh.refreshBook(bookId, signal);
    if (outcome) logger.debug({ bookId, ...outcome }, 'offers refreshed');
  },
});
