import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Added in the transaction of every price change: fires the book's alerts whose condition now holds. */
export const evaluateAlertsTask = defineTask({
  name: 'evaluate_alerts',
  schema: z.object({ bookId: z.number().int().positive() }),
  run: async ({ bookId }, { services, logger }) => {
    const fired = await services.alerts.evaluate(bookId);
    if (fired > 0) logger.info({ bookId, fired }, 'price alerts fired');
  },
});
