import { z } from 'zod';
import { defineTask } from '../kit.js';

/**
 * Every minute: expired stock holds are ended and their units given back to inventory. Availability
 * already ignores them from their expiry on; this keeps the reserved counters true.
 */
export const releaseReservationsTask = defineTask({
  name: 'release_expired_reservations',
  schema: z.object({}).passthrough(),
  run: async (_payload, { services, logger }) => {
    const released = await services.inventory.releaseExpired();
    if (released > 0) logger.info({ released }, 'expired reservations released');
  },
});
