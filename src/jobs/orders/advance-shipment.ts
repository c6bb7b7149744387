import { z } from 'zod';
import { defineTask } from '../kit.js';

const ORDER_STATUS = z.enum(['PLACED', 'PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED', 'CANCELLED']);

/** One step of one shipment (see fulfilment.ts); each step queues the next in its own transaction. */
export const advanceShipmentTask = defineTask({
  name: 'advance_shipment',
  schema: z.object({ shipmentId: z.number().int().positive(), from: ORDER_STATUS, poll: z.union([z.literal(0), z.literal(1)]).default(0) }),
  run: async ({ shipmentId, from, poll }, { services, logger }) => {
    const outcome = await services.fulfilment.advance(shipmentId, from, poll);
    if (outcome === 'ADVANCED') logger.debug({ shipmentId, from }, 'shipment moved on');
  },
});
