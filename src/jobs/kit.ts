import { setMaxListeners } from 'node:events';
import type { Task } from 'graphile-worker';
import type { z } from 'zod';
import type { Logger } from '../lib/logger.js';
import { jobDuration } from '../lib/metrics.js';
import type { Services } from '../resolvers/services.js';

export interface JobContext {
  services: Services;
  logger: Logger;
}

export interface TaskDefinition<Schema extends z.ZodType> {
  name: string;
  schema: Schema;
  run: (payload: z.infer<Schema>, context: JobContext & { attempt: number; lastAttempt: boolean; signal: AbortSignal | undefined }) => Promise<void>;
}

/** Every payload is validated before a task runs: a malformed job fails loudly instead of half-running. */
export function defineTask<Schema extends z.ZodType>(definition: TaskDefinition<Schema>) {
  return {
    name: definition.name,
    toTask(context: JobContext): Task {
      return async (payload, helpers) => {
        const parsed = definition.schema.safeParse(payload);
        if (!parsed.success) throw new Error(`Invalid payload for ${definition.name}: ${parsed.error.message}`);
        const logger = context.logger.child({ task: definition.name, jobId: helpers.job.id });
        // One shutdown signal is shared by every running job, so hundreds of jobs listen to it at once.
        if (helpers.abortSignal) setMaxListeners(0, helpers.abortSignal);
        const { attempts, max_attempts: maxAttempts } = helpers.job;
        const timer = jobDuration.startTimer({ task: definition.name });
        try {
          await definition.run(parsed.data, { ...context, logger, attempt: attempts, lastAttempt: attempts >= maxAttempts, signal: helpers.abortSignal });
          timer({ outcome: 'success' });
        } catch (error) {
          timer({ outcome: 'failure' });
          throw error;
        }
      };
    },
  };
}

export type DefinedTask = ReturnType<typeof defineTask>;
