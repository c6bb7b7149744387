import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Keeps the spelling-correction dictionary in step with the catalogue. */
export const refreshSearchTermsTask = defineTask({
  name: 'refresh_search_terms',
  schema: z.object({}).passthrough(),
  run: async (_payload, { services, logger }) => {
    const started = Date.now();
    const terms = await services.search.refreshTerms();
    logger.debug({ terms, ms: Date.now() - started }, 'search terms refreshed');
  },
});
