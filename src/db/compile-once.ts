import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * Builds a query once per database handle and re-runs it with new parameter values. Hot read paths
 * (one batch per request) skip Kysely's per-call building and compiling, which costs as much CPU as
 * the round trip itself. The builder must use exactly the placeholders it is later given, in order.
 */
export function compileOnce<Row>(build: (db: Kysely<Database>) => { compile(): CompiledQuery<Row> }) {
  const compiled = new WeakMap<Kysely<Database>, CompiledQuery<Row>>();
  return async (db: Kysely<Database>, parameters: readonly unknown[]): Promise<Row[]> => {
    let query = compiled.get(db);
    if (!query) {
      query = build(db).compile();
      compiled.set(db, query);
    }
    if (query.parameters.length !== parameters.length) {
      throw new Error(`compiled query expects ${query.parameters.length} parameters, got ${parameters.length}`);
    }
    const result = await db.executeQuery<Row>({ ...query, parameters });
    return result.rows;
  };
}
