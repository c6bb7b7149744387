import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Asks the store whether a shopper's price report holds, and settles it (see report-service.ts). */
export const verifyPriceTask = defineTask({
  name: 'verify_price',
  schema: z.object({ reportId: z.number().int().positive() }),
  run: async ({ reportId }, { services, logger, lastAttempt }) => {
    const outcome = await services.reports.verify(reportId, lastAttempt);
    logger.info({ reportId, outcome }, 'price report verified');
  },
});
