import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/connect.js';
import { ADMIN_URL } from '../helpers/databases.js';

// One connection, so every statement below runs on the session whose prepared statements are read.
const { db } = createDatabase({ connectionString: ADMIN_URL, poolSize: 1, prepareStatements: true, applicationName: 'folio-prepared-test' });
afterAll(() => db.destroy());

const preparedHere = async () => (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(db)).rows.map((row) => row.statement);

describe('statements the application repeats', () => {
  it('are prepared on the connection from their third run, and answer as before', async () => {
    const next = (i: number) => sql<{ next: number }>`SELECT ${i}::int + 1 AS next /* repeated */`;
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await next(i).execute(db)).rows[0]!.next);
    expect(answers).toEqual([1, 2, 3, 4, 5]);
    expect(await preparedHere()).toContain(next(0).compile(db).sql);
  });

  it('are not prepared when run once, or when they carry a long list of parameters', async () => {
    const once = sql`SELECT ${1}::int AS once`;
    await once.execute(db);
    const ids = Array.from({ length: 40 }, (_, i) => i);
    const list = sql`SELECT count(*) FROM (VALUES ${sql.join(ids.map((id) => sql`(${id}::int)`))}) AS v(id)`;
    for (let i = 0; i < 4; i++) await list.execute(db);
    const prepared = await preparedHere();
    expect(prepared).not.toContain(once.compile(db).sql);
    expect(prepared).not.toContain(list.compile(db).sql);
  });
});
