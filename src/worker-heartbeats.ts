import { EventEmitter } from 'node:events';
import type { WorkerEvents } from 'graphile-worker';
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import type { Database } from './db/database.js';

/**
 * Keeps this process's graphile-worker ids (each worker's, and each pool's for jobs held in a local
 * queue) beating in worker_heartbeats. graphile-worker by itself leaves a killed worker's jobs locked
 * for 4 hours; with beats, `recoverDeadWorkers` can tell a dead worker from a slow job within minutes.
 */
export function beatForWorkers(pool: pg.Pool, deadAfterSeconds: number): { events: WorkerEvents; stop: () => Promise<void> } {
  const ids = new Set<string>();
  const events = new EventEmitter() as WorkerEvents;
  const beat = () =>
    ids.size === 0
      ? Promise.resolve()
      : pool
          .query(`INSERT INTO worker_heartbeats (worker_id) SELECT unnest($1::text[]) ON CONFLICT (worker_id) DO UPDATE SET beat_at = now()`, [[...ids]])
          .then(
            () => undefined,
            () => undefined,
          );
  events.on('pool:create', ({ workerPool }) => {
    ids.add(workerPool.id);
    void beat();
  });
  events.on('worker:create', ({ worker }) => {
    ids.add(worker.workerId);
    void beat();
  });
  const timer = setInterval(beat, Math.max(250, (deadAfterSeconds * 1000) / 4));
  timer.unref();
  return {
    events,
    stop: async () => {
      clearInterval(timer);
      await pool.query('DELETE FROM worker_heartbeats WHERE worker_id = any($1::text[])', [[...ids]]).catch(() => undefined);
    },
  };
}

/**
 * Unlocks the jobs (and job queues) of workers that have not beaten for `deadAfterSeconds` and have
 * held their locks at least that long; they run again on a live worker. Returns the workers given up.
 */
export async function recoverDeadWorkers(db: Kysely<Database>, deadAfterSeconds: number): Promise<string[]> {
  const { rows } = await sql<{ workerId: string }>`
    SELECT DISTINCT locked_by AS worker_id FROM (
      SELECT locked_by, locked_at FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL
      UNION ALL
      SELECT locked_by, locked_at FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL
    ) locks
    WHERE locked_at < now() - ${deadAfterSeconds} * interval '1 second'
      -- While the database was down nobody could beat: after a restart every worker gets a full period to be heard from.
      AND pg_postmaster_start_time() < now() - ${deadAfterSeconds} * interval '1 second'
      AND NOT EXISTS (SELECT 1 FROM worker_heartbeats h WHERE h.worker_id = locks.locked_by AND h.beat_at > now() - ${deadAfterSeconds} * interval '1 second')`.execute(
    db,
  );
  const dead = rows.map((row) => row.workerId);
  if (dead.length === 0) return [];
  await sql`SELECT graphile_worker.force_unlock_workers(${dead}::text[])`.execute(db);
  await db.deleteFrom('workerHeartbeats').where('workerId', 'in', dead).execute();
  return dead;
}
