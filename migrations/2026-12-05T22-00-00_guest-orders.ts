import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // The e-mail a guest checked out with: the checkout keeps it until the order is written, and the order
  // keeps it until an account with that e-mail is opened or signed into, which then owns the order.
  await sql`ALTER TABLE checkouts ADD COLUMN email text`.execute(db);
  await sql`ALTER TABLE orders ADD COLUMN email text`.execute(db);
  await sql`CREATE INDEX orders_guest_email ON orders (email) WHERE user_id IS NULL AND email IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE orders DROP COLUMN email`.execute(db);
  await sql`ALTER TABLE checkouts DROP COLUMN email`.execute(db);
}
