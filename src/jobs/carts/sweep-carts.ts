import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Daily: carts untouched past their expiry (CART_TTL_DAYS) are removed with their lines. */
export const sweepCartsTask = defineTask({
  name: 'sweep_carts',
  schema: z.object({}).passthrough(),
  run: async (_payload, { services, logger }) => {
    let swept = 0;
    for (let batch = await services.carts.sweepExpired(); batch > 0; batch = await services.carts.sweepExpired()) swept += batch;
    if (swept > 0) logger.info({ swept }, 'abandoned carts removed');
  },
});
