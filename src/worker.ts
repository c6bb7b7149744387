import { Logger as WorkerLogger, parseCrontab, run, type Runner, type RunnerOptions } from 'graphile-worker';
import { createWorkerPool } from './db/worker-pool.js';
import { buildTaskList, crontab } from './jobs/index.js';
import type { Logger } from './lib/logger.js';
import type { Services } from './resolvers/services.js';
import { beatForWorkers } from './worker-heartbeats.js';

export interface WorkerHandle {
  runners: Runner[];
  isRunning(): boolean;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  /** The worker keeps its job bookkeeping on connections of its own, so busy jobs cannot starve it. */
  connectionString: string;
  services: Services;
  logger: Logger;
  /** Slots for alerts, orders, crons and the rest. */
  concurrency: number;
  /** Slots for refreshes waiting on partner stores' budgets (0: this process refreshes no prices). */
  refreshConcurrency: number;
  /** Silence after which this process's workers would be taken for dead (they beat four times as often). */
  deadAfterSeconds: number;
}

/** Each runner listens on one connection and fetches and completes jobs on a few more. */
const WORKER_POOL_SIZE = 8;

/**
 * graphile-worker on the application's database (jobs are added in the same transactions as the
 * writes), as two runners: one for general work with the crons, and one with many slots for jobs that
 * mostly wait on partner stores, fetching its jobs in batches so hundreds of idle slots do not each poll.
 */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const context = { services: options.services, logger: options.logger };
  const pool = createWorkerPool({ connectionString: options.connectionString, poolSize: WORKER_POOL_SIZE, applicationName: 'folio-worker' });
  const heartbeats = beatForWorkers(pool, options.deadAfterSeconds);
  const common: RunnerOptions = { pgPool: pool, noHandleSignals: true, pollInterval: 1_000, logger: workerLogger(options.logger), events: heartbeats.events };
  const runners = [
    await run({ ...common, concurrency: options.concurrency, taskList: buildTaskList(context, 'general'), parsedCronItems: parseCrontab(crontab) }),
  ];
  if (options.refreshConcurrency > 0) {
    runners.push(
      await run({
        ...common,
        concurrency: options.refreshConcurrency,
        taskList: buildTaskList(context, 'partner-bound'),
        parsedCronItems: [],
        preset: { worker: { localQueue: { size: options.refreshConcurrency } } },
      }),
    );
  }
  // A process that refreshes prices also keeps what shoppers watch fresh (if it wins the planner's lock).
  if (options.refreshConcurrency > 0) options.services.watch?.start();
  let running = true;
  for (const runner of runners) {
    // Handled both ways: a runner that fails must not also surface as an unhandled rejection.
    const stopped = () => {
      running = false;
    };
    runner.promise.then(stopped, stopped);
  }
  return {
    runners,
    isRunning: () => running,
    stop: async () => {
      await Promise.all(runners.map((runner) => runner.stop().catch(() => {})));
      running = false;
      await heartbeats.stop();
      await pool.end().catch(() => {});
    },
  };
}

/**
 * graphile-worker's own messages go to the same JSON log as everything else. Its info messages (every
 * completed job, workers connecting) are debug here: hundreds a minute would bury everything else.
 * Its warning that the pool is smaller than the concurrency is expected: refresh jobs wait on partner
 * stores, not on the database.
 */
function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const expected = message.includes('smaller than concurrency');
    const method = level === 'error' ? 'error' : level === 'warning' && !expected ? 'warn' : 'debug';
    logger[method]({ ...scope, ...meta }, message);
  });
}
