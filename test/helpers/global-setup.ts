import type { TestProject } from 'vitest/node';
import { createPool } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { adminQuery, databaseUrl, testDatabasePrefix } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/** Builds the migrated template once per run; test files clone it (CREATE DATABASE … TEMPLATE). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = `folio_template_${process.pid}_${project.name || 'main'}`;
  await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${template}`);
  const pool = createPool({ connectionString: databaseUrl(template), poolSize: 1 });
  try {
    await migrateToLatest(pool);
  } finally {
    await pool.end();
  }
  project.provide('templateDatabase', template);
  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    // Databases of this run's files that crashed before their own clean-up (other runs may be going on).
    const leftovers = await adminQuery(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [testDatabasePrefix(template)]);
    for (const row of leftovers.rows as { datname: string }[]) {
      await adminQuery(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`).catch(() => undefined);
    }
  };
}
