import { z } from 'zod';
import { defineTask } from '../kit.js';

/** An alert with auto-buy fired within its maximum: buy (once per alert; see auto-buy.ts). */
export const autoBuyTask = defineTask({
  name: 'auto_buy',
  schema: z.object({ alertId: z.number().int().positive(), priceCents: z.number().int().positive() }),
  run: async ({ alertId, priceCents }, { services, logger }) => {
    const outcome = await services.autoBuy(alertId, priceCents);
    logger.info({ alertId, priceCents, outcome }, 'auto-buy ran');
  },
});
