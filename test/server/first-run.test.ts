import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/processes.js';

// `npm start` on a machine without PostgreSQL (node with tsx loaded, as the script runs it), stopped the way a
// terminal's Ctrl-C stops it: SIGINT to every process of the foreground group.
const parent = mkdtempSync(path.join(tmpdir(), 'folio-first-run-'));
chmodSync(parent, 0o755); // as root the database runs as the postgres user, which must reach the folder
afterAll(() => rmSync(parent, { recursive: true, force: true }));

interface Run {
  output: string;
  exitCode: number | null;
  stopSeconds: number;
  bookCount: number;
}

async function startThenCtrlC(): Promise<Run> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    detached: true, // its own process group, as a terminal gives a command
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: parent,
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(port),
      SIMULATOR_PORT: '0',
      DEMO_BOOKS: '300',
      LOG_LEVEL: 'info',
      FULFILMENT_STEP_SECONDS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  for (let attempt = 0; attempt < 1_200 && !output.includes('Folio is ready'); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(output).toContain('Folio is ready');

  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ searchBooks(first: 1) { totalCount } }' }),
  });
  const bookCount = ((await response.json()) as { data: { searchBooks: { totalCount: number } } }).data.searchBooks.totalCount;
  // The worker runs jobs meanwhile: their completions must not reach the console at the default level.
  await new Promise((resolve) => setTimeout(resolve, 5_000));

  const since = performance.now();
  process.kill(-child.pid!, 'SIGINT');
  const exitCode = await exited;
  return { output, exitCode, stopSeconds: (performance.now() - since) / 1000, bookCount };
}

function postgresStillRunning(): boolean {
  const dataDir = readdirSync(parent)
    .map((name) => path.join(parent, name))
    .find((dir) => existsSync(path.join(dir, 'PG_VERSION')));
  return dataDir !== undefined && existsSync(path.join(dataDir, 'postmaster.pid'));
}

describe('npm start without PostgreSQL, stopped with Ctrl-C', () => {
  it('shows a readable start-up, stops everything with one closing line, and keeps the data for the next start', { timeout: 300_000 }, async () => {
    const first = await startThenCtrlC();
    console.log(`first run stopped ${first.stopSeconds.toFixed(1)} s after Ctrl-C`);
    expect(first.output).toContain('Demo data ready');
    expect(first.output).not.toMatch(/Completed task|Worker connected|refreshes scheduled/);
    expect(first.output).not.toContain('ECONNREFUSED');
    expect(first.exitCode).toBe(0);
    const afterReady = first.output.slice(first.output.indexOf('Folio is ready'));
    expect(afterReady.trim().split('\n').slice(1).filter(Boolean)).toEqual([expect.stringMatching(/^SIGINT: stopping Folio .* stopped in \d+\.\d s\.$/)]);
    expect(postgresStillRunning()).toBe(false);

    const second = await startThenCtrlC();
    expect(second.output).not.toContain('Empty catalogue'); // the books of the first run are still there
    expect(second.bookCount).toBe(first.bookCount);
    expect(second.exitCode).toBe(0);
    expect(postgresStillRunning()).toBe(false);
  });
});
