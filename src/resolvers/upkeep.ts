import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { sweepExpiredKeys } from '../lib/idempotency.js';
import { recoverDeadWorkers } from '../worker-heartbeats.js';
import { ensureObservationPartitions } from './pricing/observation-partitions.js';

/** The housekeeping the crontab runs: expired idempotency keys, dead workers' jobs, next months' partitions. */
export function createUpkeep(db: Kysely<Database>, config: Pick<Config, 'WORKER_DEAD_AFTER_SECONDS'>) {
  return {
    sweepIdempotencyKeys: () => sweepExpiredKeys(db),
    recoverDeadWorkers: () => recoverDeadWorkers(db, config.WORKER_DEAD_AFTER_SECONDS),
    ensureObservationPartitions: () => ensureObservationPartitions(db),
  };
}
