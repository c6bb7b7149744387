import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Every minute: jobs held by a worker that stopped beating (killed, lost its machine) are unlocked to run again. */
export const recoverDeadWorkersTask = defineTask({
  name: 'recover_dead_workers',
  schema: z.object({}).passthrough(),
  run: async (_payload, { services, logger }) => {
    const dead = await services.recoverDeadWorkers();
    if (dead.length > 0) logger.warn({ workers: dead }, 'jobs of dead workers unlocked');
  },
});
