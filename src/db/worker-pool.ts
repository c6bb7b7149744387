import pg from 'pg';
import { createPool, type DatabaseOptions } from './connect.js';

/** How long the job queue's bookkeeping waits for its database to come back before giving up. */
const OUTAGE_TOLERANCE_MS = 90_000;
const FIRST_PAUSE_MS = 100;
const LONGEST_PAUSE_MS = 2_000;

/** Errors that say the connection or the server went away (a restart), not that the statement was wrong. */
export function isConnectionLoss(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code && (code.startsWith('08') || ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code))) return true;
  return /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect/i.test(message ?? '');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` again, with growing pauses, while it fails because the database is away. */
async function throughOutage<T>(attempt: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + OUTAGE_TOLERANCE_MS;
  for (let wait = FIRST_PAUSE_MS; ; wait = Math.min(wait * 1.5, LONGEST_PAUSE_MS)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isConnectionLoss(error) || Date.now() + wait > giveUpAt) throw error;
      await pause(wait);
    }
  }
}

const TRANSACTION_START = /^\s*(begin|start\s+transaction)\b/i;
const TRANSACTION_END = /^\s*(commit|rollback|end|abort)\b/i;

/**
 * The pool graphile-worker keeps its queue on. graphile-worker 0.17 retries its bookkeeping (a job's
 * completion or failure) only on a few error codes and does not await it, so a database restart under
 * a running job became an unhandled rejection that ends the process. Here connecting waits for the
 * server to come back, and a single statement outside a transaction whose connection was cut is sent
 * again on a fresh one (the queue's own statements are safe to repeat).
 */
export function createWorkerPool(options: DatabaseOptions): pg.Pool {
  const pool = createPool(options);
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const connectThroughOutage = () => throughOutage(connect);
  pool.connect = ((callback?: (error: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void) => {
    if (!callback) return connectThroughOutage().then(resendOnLoss);
    connectThroughOutage().then(
      (client) => callback(undefined, resendOnLoss(client), (release) => client.release(release as Error)),
      (error) => callback(error),
    );
    return undefined;
  }) as typeof pool.connect;

  function resendOnLoss(client: pg.PoolClient): pg.PoolClient {
    if ((client as { resends?: boolean }).resends) return client;
    (client as { resends?: boolean }).resends = true;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    let inTransaction = false;
    client.query = ((...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '');
      if (TRANSACTION_START.test(text)) inTransaction = true;
      if (TRANSACTION_END.test(text)) inTransaction = false;
      const result = query(...args);
      if (inTransaction || !(result instanceof Promise)) return result;
      return result.catch((error: unknown) => {
        if (!isConnectionLoss(error)) throw error;
        // On a connection of its own, outside the pool: the cut client still holds its pool slot until
        // graphile-worker releases it, and a full pool of cut clients waiting for slots would never move.
        return throughOutage(async () => {
          const fresh = new pg.Client({
            connectionString: options.connectionString,
            connectionTimeoutMillis: 5_000,
            application_name: options.applicationName,
          });
          fresh.on('error', () => undefined);
          try {
            await fresh.connect();
            return await fresh.query(...(args as [string]));
          } finally {
            await fresh.end().catch(() => undefined);
          }
        });
      });
    }) as typeof client.query;
    return client;
  }
  return pool;
}
