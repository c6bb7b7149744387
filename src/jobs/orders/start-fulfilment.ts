import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Queued with every new order: schedules each shipment's first step. */
export const startFulfilmentTask = defineTask({
  name: 'start_fulfilment',
  schema: z.object({ orderId: z.number().int().positive() }),
  run: ({ orderId }, { services }) => services.fulfilment.start(orderId),
});
