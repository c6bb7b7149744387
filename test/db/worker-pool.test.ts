import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerPool, isConnectionLoss } from '../../src/db/worker-pool.js';
import { ADMIN_URL, adminQuery } from '../helpers/databases.js';

// The job queue's pool rides out a database restart: a statement whose connection was cut is sent
// again on a fresh one — unless it was inside a transaction, which only its owner can redo.
const pool = createWorkerPool({ connectionString: ADMIN_URL, poolSize: 2, applicationName: 'folio-worker-pool-test' });
afterAll(() => pool.end());

const cut = (pid: number) => adminQuery('SELECT pg_terminate_backend($1)', [pid]);

describe('the worker pool', () => {
  it('sends a statement again on a fresh connection when its own was cut', async () => {
    const client = await pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await cut(rows[0]!.pid);
    const again = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    expect(again.rows[0]!.pid).not.toBe(rows[0]!.pid);
    client.release();
  });

  it('does not repeat a statement inside a transaction: the error reaches its owner', async () => {
    const client = await pool.connect();
    await client.query('BEGIN');
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await cut(rows[0]!.pid);
    const failure = await client.query('SELECT 1').catch((error: unknown) => error);
    expect(isConnectionLoss(failure)).toBe(true);
    client.release(failure as Error);
  });

  it('answers through pool.query (the callback form) after connections were cut', async () => {
    const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await cut(rows[0]!.pid);
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('does not repeat a statement that failed for its own reasons', async () => {
    await expect(pool.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
  });
});
