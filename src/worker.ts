import { Logger as WorkerLogger, parseCrontab, run, type Runner } from 'graphile-worker';
import type pg from 'pg';
import { buildTaskList, crontab } from './jobs/index.js';
import type { Logger } from './lib/logger.js';
import type { Services } from './resolvers/services.js';

export interface WorkerHandle {
  runner: Runner;
  isRunning(): boolean;
  stop(): Promise<void>;
}

/** graphile-worker on the application's database: jobs are added in the same transactions as the writes. */
export async function startWorker(options: { pool: pg.Pool; services: Services; logger: Logger; concurrency: number }): Promise<WorkerHandle> {
  let running = true;
  const runner = await run({
    pgPool: options.pool,
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 1_000,
    taskList: buildTaskList({ services: options.services, logger: options.logger }),
    parsedCronItems: parseCrontab(crontab),
    logger: workerLogger(options.logger),
  });
  runner.promise.finally(() => {
    running = false;
  });
  return {
    runner,
    isRunning: () => running,
    stop: async () => {
      if (running) await runner.stop();
      running = false;
    },
  };
}

/** graphile-worker's own messages go to the same JSON log as everything else. */
function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const method = level === 'error' ? 'error' : level === 'warning' ? 'warn' : level === 'info' ? 'info' : 'debug';
    logger[method]({ ...scope, ...meta }, message);
  });
}
