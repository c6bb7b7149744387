import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// Every statement that changes what search sees of books (their words, facets or sort keys) tells the
// listeners which range of ids to read again, once per statement and only when it commits. NOTIFY is
// delivered in commit order, so a listener that has seen a later notice has seen every earlier one.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION notify_books_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      low bigint;
      high bigint;
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('books_changed', 'all');
        RETURN NULL;
      ELSIF TG_OP = 'INSERT' THEN
        SELECT min(id), max(id) INTO low, high FROM new_rows;
      ELSIF TG_OP = 'DELETE' THEN
        SELECT min(id), max(id) INTO low, high FROM old_rows;
      ELSE
        SELECT min(n.id), max(n.id) INTO low, high
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.title, n.subtitle, n.author_names, n.author_ids, n.category_id, n.language,
               n.price_cents, n.in_stock, n.published_year, n.demand_score)
          IS DISTINCT FROM (o.title, o.subtitle, o.author_names, o.author_ids, o.category_id, o.language,
               o.price_cents, o.in_stock, o.published_year, o.demand_score);
      END IF;
      IF low IS NOT NULL THEN
        PERFORM pg_notify('books_changed', low || ',' || high);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER books_changed_insert AFTER INSERT ON books REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_books_changed()`.execute(db);
  await sql`CREATE TRIGGER books_changed_update AFTER UPDATE ON books REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_books_changed()`.execute(db);
  await sql`CREATE TRIGGER books_changed_delete AFTER DELETE ON books REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_books_changed()`.execute(db);
  await sql`CREATE TRIGGER books_changed_truncate AFTER TRUNCATE ON books
    FOR EACH STATEMENT EXECUTE FUNCTION notify_books_changed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['insert', 'update', 'delete', 'truncate']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.raw(`books_changed_${trigger}`)} ON books`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS notify_books_changed()`.execute(db);
}
