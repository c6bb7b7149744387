import type pg from 'pg';

/** A statement run this often is prepared on each connection that runs it from then on. */
const PREPARE_AFTER = 3;
/** At most this many statement texts are prepared (a connection keeps a plan for each it ran). */
const MOST_PREPARED = 300;
/** Texts seen fewer than PREPARE_AFTER times are counted up to this many, then counted afresh. */
const MOST_COUNTED = 5_000;
/** Statements with more parameters than this are lists whose length varies (ids of a page): never prepared. */
const MOST_PARAMETERS = 16;

const uses = new Map<string, number>();
const names = new Map<string, string>();

/** The name a statement is prepared under, once it has been run often enough to be worth it. */
export function preparedName(text: string, parameters: number): string | undefined {
  const known = names.get(text);
  if (known || parameters > MOST_PARAMETERS || names.size >= MOST_PREPARED) return known;
  const count = (uses.get(text) ?? 0) + 1;
  if (count < PREPARE_AFTER) {
    if (uses.size >= MOST_COUNTED) uses.clear();
    uses.set(text, count);
    return undefined;
  }
  uses.delete(text);
  const name = `folio_${names.size + 1}`;
  names.set(text, name);
  return name;
}

/**
 * Server-side prepared statements for the statements the application repeats, the way pgjdbc's
 * prepareThreshold works: PostgreSQL then parses each once per connection and, after a few runs, plans
 * it once too when a generic plan costs no more than the custom ones. node-postgres prepares a named
 * statement on a connection the first time it runs there.
 */
export function preparedOnRepeat(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: typeof query }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== 'string' || !Array.isArray(values)) return query(text, values, callback);
    const name = preparedName(text, values.length);
    return name ? query({ name, text, values }, callback) : query(text, values, callback);
  };
}
