import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDatabase } from '../../src/db/connect.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { TRUSTED_DOCUMENTS_FILE } from '../../src/trusted-documents.js';
import { BookOffersDocument, OffersUpdatedDocument } from '../../web/src/gql/graphql.js';
import { persisted } from '../../web/src/persisted.js';
import { createBook } from '../factories/catalog.js';
import { adminQuery, databaseUrl } from '../helpers/databases.js';
import { freePort } from '../helpers/processes.js';

const run = promisify(execFile);

// The way an operator runs Folio: compiled, production dependencies only, one role per process.
// `dist/` and the web app are built into a folder of their own (the repository's web/dist may be in
// use by other tests), next to a package.json, its lock file and bin/, then `npm ci --omit=dev`.
let home: string;
let database: string;
let simulator: RunningSimulator;
const processes: ChildProcess[] = [];

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'folio-production-'));
  for (const file of ['package.json', 'package-lock.json', 'bin', TRUSTED_DOCUMENTS_FILE]) cpSync(file, join(home, file), { recursive: true });
  await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', join(home, 'dist')]);
  await run(process.execPath, [
    'node_modules/vite/bin/vite.js',
    'build',
    '--config',
    'web/vite.config.ts',
    '--outDir',
    join(home, 'web', 'dist'),
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ]);
  await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: home });
  database = `folio_production_${process.pid}`;
  await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${database}`);
  simulator = await startSimulator({ stores: 3, seed: 61 });
}, 300_000);

afterAll(async () => {
  for (const child of processes) child.kill('SIGTERM');
  await Promise.all(processes.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null)));
  await simulator?.close();
  if (database) await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  if (home) rmSync(home, { recursive: true, force: true });
});

function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Only what an operator would set: nothing from the test runner's own environment leaks in.
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl(database),
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: database,
    AUTH_SECRET: 'production-path-secret-production-path',
    LOG_LEVEL: 'info',
    RATE_LIMITS: 'false',
    ...extra,
  };
}

/** `folio <role>` from the production folder, its output kept for the checks. */
function folio(role: string, extra: Record<string, string> = {}): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['bin/folio.js', role], { cwd: home, env: environment(extra), stdio: ['ignore', 'pipe', 'pipe'] });
  processes.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

async function ready(url: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if ((await fetch(`${url}/ready`).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} never became ready`);
}

describe('the production path', () => {
  it(
    'folio migrate, two API nodes and a worker from the built output: both answer, a subscription on one hears a change made through the other, and nothing demo appears',
    { timeout: 120_000 },
    async () => {
      const migrate = await run(process.execPath, ['bin/folio.js', 'migrate'], { cwd: home, env: environment() });
      expect(migrate.stdout).toMatch(/Applied: .*book-deals/);

      const worker = folio('worker', { SIMULATOR_URL: simulator.url });
      const [portA, portB] = [await freePort(), await freePort()];
      const apiA = folio('api', { PORT: String(portA) });
      const apiB = folio('api', { PORT: String(portB) });
      const [a, b] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
      await Promise.all([ready(a), ready(b)]);
      for (let attempt = 0; attempt < 100 && !worker.output().includes('partner stores registered'); attempt++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(worker.output()).toContain('partner stores registered');

      const { db } = createDatabase({ connectionString: databaseUrl(database), poolSize: 1 });
      try {
        const book = await createBook(db, { title: 'Heard Across Nodes' });
        const heard: number[] = [];
        const client = createClient({ url: `ws://127.0.0.1:${portA}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
        const subscribed = new Promise<void>((resolve) => client.on('connected', () => resolve()));
        // As the web app asks, signed out in production: its operations named by their persisted hashes.
        const stop = client.subscribe<{ offersUpdated: { price: { cents: number } } }>(
          { query: OffersUpdatedDocument.toString(), variables: { isbn: book.isbn13 }, extensions: persisted(OffersUpdatedDocument) },
          { next: (message) => void (message.data && heard.push(message.data.offersUpdated.price.cents)), error: () => undefined, complete: () => undefined },
        );
        await subscribed;
        await new Promise((resolve) => setTimeout(resolve, 300));
        // A live look-up through the other node. Its answer waits a few seconds for the stores at most; on a loaded
        // machine the simulator (in this process) can miss that, and answers that come late are recorded when they
        // arrive: as a shopper would, look again (any offer up to ten minutes old will do) until they are there.
        const askFor = (maxAgeSeconds: number) =>
          fetch(`${b}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ variables: { isbn: book.isbn13, maxAgeSeconds }, extensions: persisted(BookOffersDocument) }),
          }).then((response) => response.json() as Promise<{ data: { book: { offers: unknown[] } } }>);
        let asked = await askFor(0);
        for (let attempt = 0; attempt < 20 && asked.data.book.offers.length === 0; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          asked = await askFor(600);
        }
        expect(asked.data.book.offers.length).toBeGreaterThan(0);
        for (let attempt = 0; attempt < 100 && heard.length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
        expect(heard.length).toBeGreaterThan(0);
        stop();
        await client.dispose();

        const books = await db
          .selectFrom('books')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(books.n)).toBe(1); // only the test's book: no demo catalogue
      } finally {
        await db.destroy();
      }
      const everything = apiA.output() + apiB.output() + worker.output();
      expect(everything).not.toMatch(/demo books|Partner bookstores: .*simulator|Demo price history|Partner simulator/i);
    },
  );
});
