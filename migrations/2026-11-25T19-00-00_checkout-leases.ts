import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A running checkout renews its lease at every step; one whose process died is settled once it runs out.
  await sql`ALTER TABLE checkouts ADD COLUMN lease_until timestamptz NOT NULL DEFAULT now() + interval '1 minute'`.execute(db);
  // The partner orders a checkout is about to place, written first so an interrupted one can cancel them.
  await sql`ALTER TABLE checkouts ADD COLUMN partner_orders jsonb NOT NULL DEFAULT '[]'`.execute(db);
  await sql`CREATE INDEX checkouts_lease ON checkouts (lease_until) WHERE status = 'IN_PROGRESS'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX checkouts_lease`.execute(db);
  await sql`ALTER TABLE checkouts DROP COLUMN partner_orders, DROP COLUMN lease_until`.execute(db);
}
