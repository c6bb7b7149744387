import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Order e-mails go through the same outbox as alerts (retries, backoff, DEAD after the last attempt):
  // a row names the order, the shipment whose status changed (none for the confirmation), that status and
  // the address to write to (a guest has no account).
  await sql`
    ALTER TABLE notifications
      ALTER COLUMN alert_id DROP NOT NULL,
      ALTER COLUMN user_id DROP NOT NULL,
      ALTER COLUMN book_id DROP NOT NULL,
      ALTER COLUMN new_price_cents DROP NOT NULL,
      ADD COLUMN order_id bigint REFERENCES orders (id) ON DELETE CASCADE,
      ADD COLUMN shipment_id bigint REFERENCES shipments (id) ON DELETE CASCADE,
      ADD COLUMN order_status text,
      ADD COLUMN email text`.execute(db);
  await sql`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`.execute(db);
  await sql`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('PRICE_DROP', 'CORRECTION', 'ORDER_PLACED', 'SHIPMENT_STATUS'))`.execute(
    db,
  );
  await sql`
    ALTER TABLE notifications ADD CONSTRAINT notifications_subject CHECK (
      CASE WHEN kind IN ('ORDER_PLACED', 'SHIPMENT_STATUS') THEN order_id IS NOT NULL AND email IS NOT NULL
           ELSE alert_id IS NOT NULL AND user_id IS NOT NULL AND book_id IS NOT NULL AND new_price_cents IS NOT NULL END)`.execute(db);
  await sql`CREATE INDEX notifications_order ON notifications (order_id) WHERE order_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM notifications WHERE order_id IS NOT NULL`.execute(db);
  await sql`ALTER TABLE notifications DROP CONSTRAINT notifications_subject`.execute(db);
  await sql`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`.execute(db);
  await sql`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('PRICE_DROP', 'CORRECTION'))`.execute(db);
  await sql`
    ALTER TABLE notifications
      DROP COLUMN order_id, DROP COLUMN shipment_id, DROP COLUMN order_status, DROP COLUMN email,
      ALTER COLUMN alert_id SET NOT NULL, ALTER COLUMN user_id SET NOT NULL, ALTER COLUMN book_id SET NOT NULL, ALTER COLUMN new_price_cents SET NOT NULL`.execute(
    db,
  );
}
