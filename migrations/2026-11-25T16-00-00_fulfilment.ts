import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // When a shipment's next step is due (null once it is delivered or cancelled): the resume sweep finds
  // shipments whose step is long overdue (their job lost with a killed worker) and queues it again.
  await sql`ALTER TABLE shipments ADD COLUMN next_step_at timestamptz`.execute(db);
  await sql`CREATE INDEX shipments_next_step ON shipments (next_step_at) WHERE next_step_at IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE shipments DROP COLUMN next_step_at`.execute(db);
}
