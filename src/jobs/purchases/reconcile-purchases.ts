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

/** Hourly: idempotency keys older than 48 hours are forgotten. */
export const sweepIdempotencyKeysTask = defineTask({
  name: 'sweep_idempotency_keys',
  schema: z.object({}).passthrough(),
  run: async (_payload, { services, logger }) => {
    const swept = await services.sweepIdempotencyKeys();
    if (swept > 0) logger.info({ swept }, 'expired idempotency keys removed');
  },
});

/** A partner order whose placing failed or timed out is looked for again later and cancelled if it landed. */
export const cancelPartnerOrderTask = defineTask({
  name: 'cancel_partner_order',
  schema: z.object({ storeId: z.number().int().positive(), reference: z.string().min(1) }),
  run: async ({ storeId, reference }, { services, logger }) => {
    const outcome = await services.cancelLateOrder(storeId, reference);
    if (outcome === 'CANCELLED') logger.warn({ storeId, reference }, 'a partner order that landed after its purchase failed was cancelled');
  },
});
