import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the tests use: the machine's Postgres unless TEST_DATABASE_URL says otherwise. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(text: string, values?: unknown[]): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template: one per test file, dropped afterwards. */
export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Test databases are named after their run's template, so a run cleans up only its own leftovers. */
export function testDatabasePrefix(template: string): string {
  return `folio_test_${template.replace(/^folio_template_/, '')}_`;
}

export async function createTestDatabase(template: string): Promise<TestDatabase> {
  const name = `${testDatabasePrefix(template)}${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  return {
    name,
    url: databaseUrl(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined),
  };
}
