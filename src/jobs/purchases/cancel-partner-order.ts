import { z } from 'zod';
import { defineTask } from '../kit.js';

/** A partner order whose placing failed or timed out is looked for again later and cancelled if it landed. */
export const cancelPartnerOrderTask = defineTask({
  name: 'cancel_partner_order',
  schema: z.object({ storeId: z.number().int().positive(), reference: z.string().min(1) }),
  run: async ({ storeId, reference }, { services, logger }) => {
    const outcome = await services.cancelLateOrder(storeId, reference);
    if (outcome === 'CANCELLED') logger.warn({ storeId, reference }, 'a partner order that landed after its purchase failed was cancelled');
  },
});
