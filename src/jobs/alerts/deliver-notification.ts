import { z } from 'zod';
import { defineTask } from '../kit.js';

/** One webhook or e-mail delivery (and its retries, each scheduled by the failure before it). */
export const deliverNotificationTask = defineTask({
  name: 'deliver_notification',
  schema: z.object({ notificationId: z.number().int().positive() }),
  run: async ({ notificationId }, { services, logger }) => {
    const outcome = await services.alerts.deliver(notificationId);
    if (outcome === 'DEAD') logger.warn({ notificationId }, 'notification delivery gave up after its last attempt');
  },
});
