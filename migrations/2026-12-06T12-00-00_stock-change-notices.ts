import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// Every statement that changes first-party stock (inventory counts, or the holds that count against
// them) tells the listeners which books to read again, once per statement and only when it commits, so
// API processes can keep stock in memory and still show what a checkout just did. A statement touching
// very many books (a restock of the whole catalogue) says 'all' instead of listing them.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION notify_stock_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      ids text;
      books integer;
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('stock_changed', 'all');
        RETURN NULL;
      ELSIF TG_OP = 'DELETE' THEN
        SELECT count(DISTINCT book_id), string_agg(DISTINCT book_id::text, ',') INTO books, ids FROM old_rows;
      ELSE
        SELECT count(DISTINCT book_id), string_agg(DISTINCT book_id::text, ',') INTO books, ids FROM new_rows;
      END IF;
      IF books > 500 THEN
        PERFORM pg_notify('stock_changed', 'all');
      ELSIF books > 0 THEN
        PERFORM pg_notify('stock_changed', ids);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  for (const table of ['inventory', 'reservations']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_stock_insert`)} AFTER INSERT ON ${sql.table(table)} REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION notify_stock_changed()`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_stock_update`)} AFTER UPDATE ON ${sql.table(table)} REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION notify_stock_changed()`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_stock_delete`)} AFTER DELETE ON ${sql.table(table)} REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION notify_stock_changed()`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_stock_truncate`)} AFTER TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION notify_stock_changed()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['inventory', 'reservations']) {
    for (const operation of ['insert', 'update', 'delete', 'truncate']) {
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_stock_${operation}`)} ON ${sql.table(table)}`.execute(db);
    }
  }
  await sql`DROP FUNCTION IF EXISTS notify_stock_changed()`.execute(db);
}
