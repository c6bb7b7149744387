import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Each live worker (and local-queue pool) beats here; jobs locked by one that stopped beating are unlocked.
  await sql`
    CREATE TABLE worker_heartbeats (
      worker_id text PRIMARY KEY,
      beat_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('worker_heartbeats').ifExists().execute();
}
