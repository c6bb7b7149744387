import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { recordSpan } from '../lib/tracing.js';
import type { Database } from './database.js';
import { preparedOnRepeat } from './prepared-statements.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Money is integer cents in bigint columns and counts come back as int8. Both fit a JS number far
 * beyond any real amount, so parse them as numbers, but refuse silently losing precision.
 */
function parseInt8(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return parsed;
}

pg.types.setTypeParser(INT8_OID, parseInt8);
// numeric is only used for computed averages; a float is what callers round from.
pg.types.setTypeParser(NUMERIC_OID, (value: string) => Number(value));

export interface DatabaseOptions {
  connectionString: string;
  poolSize?: number;
  /** Prepare the statements this pool repeats (see prepared-statements.ts). */
  prepareStatements?: boolean;
  /** Called for every executed statement; tests use it to count queries. */
  onQuery?: (sql: string) => void;
  applicationName?: string;
}

export function createPool(options: DatabaseOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 20,
    // A request queued behind a burst waits for a connection rather than failing part-way through a
    // checkout (whose stock would stay held until the settler runs): at 5 s, 1,000 checkouts at once on a
    // busy two-core machine failed some of their number with "timeout exceeded when trying to connect".
    connectionTimeoutMillis: 30_000,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'folio',
    // Typo-tolerant search matches a query against the best-matching words of a title. Parallel query
    // helps a lone big query but costs throughput and tail latency when many requests share the cores.
    options: '-c pg_trgm.word_similarity_threshold=0.45 -c max_parallel_workers_per_gather=0',
  });
  // An idle client losing its connection (Postgres restart) must not crash the process.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    if (options.prepareStatements) preparedOnRepeat(client);
  });
  return pool;
}

export function createDatabase(options: DatabaseOptions): { db: Kysely<Database>; pool: pg.Pool } {
  const pool = createPool(options);
  const onQuery = options.onQuery;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    // Each statement is a span of the traced operation that ran it (nothing happens when none is traced).
    log: (event) => {
      if (event.level === 'query') onQuery?.(event.query.sql);
      const describe = () => ({ name: 'pg.query', attributes: { 'db.system': 'postgresql', 'db.statement': event.query.sql.slice(0, 2_000) } });
      recordSpan(describe, event.queryDurationMillis, event.level === 'error');
    },
  });
  return { db, pool };
}
