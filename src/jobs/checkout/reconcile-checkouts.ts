import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Every minute: settles checkouts whose process stopped part-way (see checkout/settle.ts). */
export const reconcileCheckoutsTask = defineTask({
  name: 'reconcile_checkouts',
  schema: z.object({}).passthrough(),
  run: async (_payload, { services, logger }) => {
    const counts = await services.reconcileCheckouts(logger);
    if (counts.RELEASED + counts.NOTHING_TO_DO > 0) logger.info(counts, 'interrupted checkouts settled');
  },
});
