import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // A number a person can read out on the phone: F-<two-digit year>-<six digits>, from one sequence so
  // numbers never repeat across years. Orders placed before numbers existed get theirs in id order.
  await sql`CREATE SEQUENCE order_numbers`.execute(db);
  await sql`ALTER TABLE orders ADD COLUMN number text`.execute(db);
  await sql`
    UPDATE orders o SET number = 'F-' || to_char(o.placed_at, 'YY') || '-' || lpad(nextval('order_numbers')::text, 6, '0')
    FROM (SELECT id FROM orders ORDER BY id) ordered WHERE ordered.id = o.id`.execute(db);
  await sql`ALTER TABLE orders ALTER COLUMN number SET DEFAULT 'F-' || to_char(now(), 'YY') || '-' || lpad(nextval('order_numbers')::text, 6, '0')`.execute(db);
  await sql`ALTER TABLE orders ALTER COLUMN number SET NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX orders_number ON orders (number)`.execute(db);
  // Who carries a shipment and how to follow it: partners report theirs, Folio's warehouses assign their own.
  await sql`ALTER TABLE shipments ADD COLUMN carrier text, ADD COLUMN tracking_number text, ADD COLUMN estimated_delivery date`.execute(db);
  // The card as the provider describes it (never the token): shown on the order's payment summary.
  await sql`ALTER TABLE payments ADD COLUMN card_brand text, ADD COLUMN card_last4 text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE payments DROP COLUMN card_brand, DROP COLUMN card_last4`.execute(db);
  await sql`ALTER TABLE shipments DROP COLUMN carrier, DROP COLUMN tracking_number, DROP COLUMN estimated_delivery`.execute(db);
  await sql`ALTER TABLE orders DROP COLUMN number`.execute(db);
  await sql`DROP SEQUENCE order_numbers`.execute(db);
}
