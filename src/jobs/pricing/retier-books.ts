import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Hourly: books move between refresh tiers as shoppers' interest and price volatility change. */
export const retierBooksTask = defineTask({
  name: 'retier_books',
  schema: z.object({}).passthrough(),
  run: async (_payload, { services, logger }) => {
    const started = Date.now();
    await services.demand.flush();
    const { moved } = await services.refresh.retier();
    logger.debug({ moved, ms: Date.now() - started }, 'refresh tiers updated');
  },
});
