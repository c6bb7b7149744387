import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Refresh jobs kept waiting at most: more than a minute of work for one worker at full speed. */
const REFRESH_BACKLOG = 20_000;

/** Every minute: queue a refresh_offers job for each book whose offers are due, hottest first. */
export const scheduleRefreshesTask = defineTask({
  name: 'schedule_refreshes',
  schema: z.object({ limit: z.number().int().positive().max(100_000).optional() }).passthrough(),
  run: async (payload, { services, logger }) => {
    const scheduled = await services.refresh.scheduleDue(payload.limit ?? REFRESH_BACKLOG);
    if (scheduled > 0) logger.debug({ scheduled }, 'refreshes scheduled');
  },
});
