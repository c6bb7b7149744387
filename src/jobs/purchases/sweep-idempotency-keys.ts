import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Hourly: idempotency keys older than 48 hours are forgotten. */
export const sweepIdempotencyKeysTask = defineTask({
  name: 'sweep_idempotency_keys',
  schema: z.object({}).passthrough(),
  run: async (_payload, { services, logger }) => {
    const swept = await services.sweepIdempotencyKeys();
    if (swept > 0) logger.info({ swept }, 'expired idempotency keys removed');
  },
});
