import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Every minute: shipments whose step is long overdue (their job died with a worker) are queued again, and cancelled orders still captured are refunded. */
export const resumeFulfilmentTask = defineTask({
  name: 'resume_fulfilment',
  schema: z.object({}).passthrough(),
  run: async (_payload, { services, logger }) => {
    const resumed = await services.fulfilment.resume();
    if (resumed > 0) logger.warn({ resumed }, 'overdue shipment steps queued again, or cut-off refunds of cancelled orders made');
  },
});
