import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';

const parent = mkdtempSync(path.join(tmpdir(), 'folio-embedded-'));
// As root the server runs as the postgres user, which must be able to reach the folder.
chmodSync(parent, 0o755);
const dataDir = path.join(parent, 'postgres');
afterAll(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

describe('embedded PostgreSQL (npm start without DATABASE_URL)', () => {
  it('initialises a cluster, serves the folio database, and keeps its data across restarts', async () => {
    const port = 55_000 + (process.pid % 1_000);
    const first = await startEmbeddedPostgres({ dataDir, port }, () => undefined);
    const client = new pg.Client({ connectionString: first.connectionString });
    await client.connect();
    await client.query('CREATE TABLE kept (value int)');
    await client.query('INSERT INTO kept VALUES (42)');
    const { rows } = await client.query<{ shared_buffers: string; jit: string }>(
      `SELECT current_setting('shared_buffers') AS shared_buffers, current_setting('jit') AS jit`,
    );
    expect(rows[0]).toEqual({ shared_buffers: '256MB', jit: 'off' });
    await client.end();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port }, () => undefined);
    const again = new pg.Client({ connectionString: second.connectionString });
    await again.connect();
    expect((await again.query('SELECT value FROM kept')).rows).toEqual([{ value: 42 }]);
    await again.end();
    await second.stop();
  });
});
