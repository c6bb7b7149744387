import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Every minute: settles purchases whose process stopped between payment and order (see reconcile.ts). */
export const reconcilePurchasesTask = defineTask({
  name: 'reconcile_purchases',
  schema: z.object({}).passthrough(),
  run: async (_payload, { services, logger }) => {
    const counts = await services.reconcilePurchases(logger);
    if (counts.COMPLETED + counts.RELEASED + counts.NOTHING_TO_DO > 0) logger.info(counts, 'interrupted purchases settled');
  },
});
