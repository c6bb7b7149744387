import { setMaxListeners } from 'node:events';
import type { Task } from 'graphile-worker';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/database.js';
import type { Logger } from '../lib/logger.js';
import { jobDuration } from '../lib/metrics.js';

/**
 * What tasks call: the process's services. Declared empty here and filled in by resolvers/services.ts
 * (declaration merging), so producers can import a task to queue it without the kit importing every
 * service that in turn imports the task.
 */

export interface JobServices {}

export interface JobContext {
  services: JobServices;
  logger: Logger;
}

export interface TaskDefinition<Schema extends z.ZodType> {
  name: string;
  schema: Schema;
  run: (payload: z.infer<Schema>, context: JobContext & { attempt: number; lastAttempt: boolean; signal: AbortSignal | undefined }) => Promise<void>;
}

/** Every payload is validated before a task runs: a malformed job fails loudly instead of half-running. */
export function defineTask<Schema extends z.ZodType>(definition: TaskDefinition<Schema>): DefinedTask<Schema> {
  return {
    name: definition.name,
    schema: definition.schema,
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

/** A task the worker runs and producers queue: its name, the payload it takes, and its runner. */
export interface DefinedTask<Schema extends z.ZodType = z.ZodType> {
  name: string;
  schema: Schema;
  toTask(context: JobContext): Task;
}

export interface EnqueueOptions {
  /** At most one waiting job per key: a second add replaces the first's payload (and, unless `preserveRunAt`, its time). */
  jobKey?: string;
  /** With a job key: a job already waiting keeps its time (the first request's delay stands). */
  preserveRunAt?: boolean;
  /** When the job may run; or `delayMs` after the database's clock. Default: now. */
  runAt?: Date;
  delayMs?: number;
  /** Lower runs first (default 0). */
  priority?: number;
  maxAttempts?: number;
  /** Jobs of one queue run one at a time, in order. */
  queueName?: string;
}

/**
 * Queues a job in the caller's transaction (it runs only if that commits), its payload checked against the
 * task's own schema first: a producer cannot send a payload the task would refuse.
 */
export async function enqueue<Schema extends z.ZodType>(
  db: Kysely<Database>,
  task: DefinedTask<Schema>,
  payload: z.input<Schema>,
  options: EnqueueOptions = {},
): Promise<void> {
  await enqueueMany(db, task, [{ payload, ...options }], { preserveRunAt: options.preserveRunAt });
}

/** Queues many jobs of one task in one statement (see enqueue); returns how many were added or updated. */
export async function enqueueMany<Schema extends z.ZodType>(
  db: Kysely<Database>,
  task: DefinedTask<Schema>,
  jobs: (Omit<EnqueueOptions, 'preserveRunAt'> & { payload: z.input<Schema> })[],
  options: { preserveRunAt?: boolean } = {},
): Promise<number> {
  if (jobs.length === 0) return 0;
  const specs = jobs.map((job) => {
    const parsed = task.schema.safeParse(job.payload);
    if (!parsed.success) throw new Error(`Invalid payload for ${task.name}: ${parsed.error.message}`);
    return {
      payload: parsed.data,
      job_key: job.jobKey ?? null,
      run_at: job.runAt?.toISOString() ?? null,
      delay_ms: job.delayMs ?? null,
      priority: job.priority ?? null,
      max_attempts: job.maxAttempts ?? null,
      queue_name: job.queueName ?? null,
    };
  });
  const { rows } = await sql<{ added: number }>`
    SELECT count(*)::int AS added FROM graphile_worker.add_jobs(
      (SELECT array_agg((${task.name}::text, j.payload, j.queue_name, coalesce(j.run_at, now() + j.delay_ms * interval '1 millisecond'),
                         j.max_attempts, j.job_key, j.priority, NULL::text[])::graphile_worker.job_spec)
       FROM json_to_recordset(${JSON.stringify(specs)}::json)
         AS j(payload json, job_key text, run_at timestamptz, delay_ms float8, priority int, max_attempts int, queue_name text)),
      ${options.preserveRunAt ?? false})`.execute(db);
  return rows[0]?.added ?? 0;
}
