import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
//
// A statement touching more than 500 books (a sweep of expired holds, a restock) used to say 'all', after
// which every API process read every book's stock again. It now names its books in notices of 500 ids each
// (a notice's payload must stay under 8,000 bytes); only a statement touching more than 25,000 books, or a
// TRUNCATE, still says 'all'.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION notify_stock_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      ids bigint[];
      chunk CONSTANT integer := 500;
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('stock_changed', 'all');
        RETURN NULL;
      ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT book_id ORDER BY book_id) INTO ids FROM old_rows;
      ELSE
        SELECT array_agg(DISTINCT book_id ORDER BY book_id) INTO ids FROM new_rows;
      END IF;
      IF ids IS NULL THEN
        RETURN NULL;
      ELSIF cardinality(ids) > 25000 THEN
        PERFORM pg_notify('stock_changed', 'all');
        RETURN NULL;
      END IF;
      FOR i IN 0 .. (cardinality(ids) - 1) / chunk LOOP
        PERFORM pg_notify('stock_changed', array_to_string(ids[i * chunk + 1 : (i + 1) * chunk], ','));
      END LOOP;
      RETURN NULL;
    END $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION notify_stock_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
}
