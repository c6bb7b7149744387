import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Added in the transaction of every price change: fires the book's alerts whose condition now holds. */
export const evaluateAlertsTask = defineTask({
  name: 'evaluate_alerts',
  schema: z.object({ bookId: z.number().int().positive(), storeIds: z.array(z.number().int()).optional() }),
  run: async ({ bookId }, { services, logger }) => {
    const fired = await services.alerts.evaluate(bookId);
    if (fired > 0) logger.info({ bookId, fired }, 'price alerts fired');
  },
});

/** One webhook or e-mail delivery (and its retries, each scheduled by the failure before it). */
export const deliverNotificationTask = defineTask({
  name: 'deliver_notification',
  schema: z.object({ notificationId: z.number().int().positive() }),
  run: async ({ notificationId }, { services, logger }) => {
    const outcome = await services.alerts.deliver(notificationId);
    if (outcome === 'DEAD') logger.warn({ notificationId }, 'notification delivery gave up after its last attempt');
  },
});

/** An alert with auto-buy fired within its maximum: buy (once per alert; see auto-buy.ts). */
export const autoBuyTask = defineTask({
  name: 'auto_buy',
  schema: z.object({ alertId: z.number().int().positive(), priceCents: z.number().int().positive() }),
  run: async ({ alertId, priceCents }, { services, logger }) => {
    const outcome = await services.autoBuy(alertId, priceCents);
    logger.info({ alertId, priceCents, outcome }, 'auto-buy ran');
  },
});
