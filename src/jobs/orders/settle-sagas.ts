import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Every minute: settles purchases and checkouts whose process stopped part-way (see src/orders/saga.ts). */
export const settleSagasTask = defineTask({
  name: 'settle_sagas',
  schema: z.object({}).passthrough(),
  run: async (_payload, { services, logger }) => {
    const { purchases, checkouts } = await services.settleSagas(logger);
    const settled = Object.values(purchases).reduce((a, b) => a + b, 0) + Object.values(checkouts).reduce((a, b) => a + b, 0);
    if (settled > 0) logger.info({ purchases, checkouts }, 'interrupted sagas settled');
  },
});
