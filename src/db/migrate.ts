import { Kysely, type Migration, type MigrationProvider, Migrator, PostgresDialect } from 'kysely';
import { Logger as WorkerLogger, runMigrations as runQueueMigrations } from 'graphile-worker';
import type pg from 'pg';
import { migrations } from '../../migrations/index.js';

const provider: MigrationProvider = { getMigrations: async (): Promise<Record<string, Migration>> => migrations };

/**
 * Brings the schema to the newest migration; throws with the failing migration's name. Runs on a
 * plugin-free Kysely over the given pool: migrations speak plain snake_case SQL. The pool stays open.
 */
export async function migrateToLatest(pool: pg.Pool): Promise<string[]> {
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Migration failed${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  // The job queue lives in the same database: every process that adds jobs (API too) needs its schema.
  await runQueueMigrations({ pgPool: pool, logger: new WorkerLogger(() => () => undefined) });
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
