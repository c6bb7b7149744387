import { z } from 'zod';
import { defineTask } from '../kit.js';

/** Daily: price history always has its next two months' partitions ready, however long a process runs. */
export const ensurePartitionsTask = defineTask({
  name: 'ensure_observation_partitions',
  schema: z.object({}).passthrough(),
  run: async (_payload, { services }) => {
    await services.ensureObservationPartitions();
  },
});
