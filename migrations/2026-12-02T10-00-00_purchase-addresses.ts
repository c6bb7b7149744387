import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Where a compare-and-buy purchase ships; kept on the request so a settler that completes an
  // interrupted purchase records the same address. Requests made before addresses were asked have none.
  await sql`ALTER TABLE purchase_requests ADD COLUMN shipping_address jsonb`.execute(db);
  // Where an alert's auto-buy ships. Alerts set before addresses were asked have none and cannot buy.
  await sql`ALTER TABLE price_alerts ADD COLUMN auto_buy_shipping_address jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE price_alerts DROP COLUMN auto_buy_shipping_address`.execute(db);
  await sql`ALTER TABLE purchase_requests DROP COLUMN shipping_address`.execute(db);
}
