import { z } from 'zod';
import { defineTask } from '../kit.js';

const ORDER_STATUS = z.enum(['PLACED', 'PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED', 'CANCELLED']);

/** Queued with every new order: schedules each shipment's first step. */
export const startFulfilmentTask = defineTask({
  name: 'start_fulfilment',
  schema: z.object({ orderId: z.number().int().positive() }),
  run: ({ orderId }, { services }) => services.fulfilment.start(orderId),
});

/** One step of one shipment (see fulfilment.ts); each step queues the next in its own transaction. */
export const advanceShipmentTask = defineTask({
  name: 'advance_shipment',
  schema: z.object({ shipmentId: z.number().int().positive(), from: ORDER_STATUS, poll: z.union([z.literal(0), z.literal(1)]).default(0) }),
  run: async ({ shipmentId, from, poll }, { services, logger }) => {
    const outcome = await services.fulfilment.advance(shipmentId, from, poll);
    if (outcome === 'ADVANCED') logger.debug({ shipmentId, from }, 'shipment moved on');
  },
});

/** Every minute: shipments whose step is long overdue (their job died with a worker) are queued again, and cancelled orders still captured are refunded. */
export const resumeFulfilmentTask = defineTask({
  name: 'resume_fulfilment',
  schema: z.object({}).passthrough(),
  run: async (_payload, { services, logger }) => {
    const resumed = await services.fulfilment.resume();
    if (resumed > 0) logger.warn({ resumed }, 'overdue shipment steps queued again, or cut-off refunds of cancelled orders made');
  },
});
