import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // The auto-buy alert a keepWatching purchase above its maximum left behind, written in the
  // transaction that records the outcome: a repeat of the request finds this one and sets no other.
  await sql`ALTER TABLE purchase_requests ADD COLUMN watch_alert_id bigint REFERENCES price_alerts (id)`.execute(db);
  // Formats auto-buy may take (null: any); a watch keeps those of the purchase that set it.
  await sql`ALTER TABLE price_alerts ADD COLUMN auto_buy_formats text[]`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE price_alerts DROP COLUMN auto_buy_formats`.execute(db);
  await sql`ALTER TABLE purchase_requests DROP COLUMN watch_alert_id`.execute(db);
}
