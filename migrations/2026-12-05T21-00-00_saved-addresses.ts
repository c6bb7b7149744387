import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // A shopper's address book. Orders keep their own copy of the address they went to, so removing or
  // changing a saved address never rewrites history.
  await sql`
    CREATE TABLE saved_addresses (
      id bigserial PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      address jsonb NOT NULL,
      is_default boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX saved_addresses_user ON saved_addresses (user_id, id)`.execute(db);
  await sql`CREATE UNIQUE INDEX saved_addresses_one_default ON saved_addresses (user_id) WHERE is_default`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE saved_addresses`.execute(db);
}
