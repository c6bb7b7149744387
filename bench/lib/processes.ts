import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The V8 settings `npm start` runs with (package.json), so benchmarks measure the same process. */
const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];

/**
 * What every benchmarked Folio runs with unless a benchmark says otherwise: production mode, no demo data,
 * no request budgets (one load generator sends thousands of requests from one address), and operations of
 * its own, as an API client sends them, not only the web app's persisted ones.
 */
const BENCH_SERVER_SETTINGS = {
  NODE_ENV: 'production',
  AUTH_SECRET: 'bench-secret-bench-secret-bench-secret',
  DEMO_BOOKS: '0',
  RATE_LIMITS: 'false',
  TRUSTED_DOCUMENTS_ONLY: 'false',
};

/**
 * Starts a server script under tsx and resolves once it answers /health (or /ready, for a benchmark
 * that must not measure start-up work such as reading the search index). With BENCH_CPU_PROFILE=<dir>
 * the server writes a V8 CPU profile there when it stops; `nodeFlags` are passed to Node (after tsx's loader) before the script.
 */
export async function startServer(
  script: string,
  env: Record<string, string>,
  port: number,
  probe: '/health' | '/ready' = '/health',
  nodeFlags: string[] = [],
): Promise<ChildProcess> {
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, ...SERVER_NODE_FLAGS, '--import', 'tsx', ...nodeFlags, script], {
    env: { ...process.env, ...BENCH_SERVER_SETTINGS, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}${probe}`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error(`${script} did not become healthy`);
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** A process's resident memory now and at its peak, in MiB (from /proc; null where /proc is not there). */
export function residentMemory(pid: number | undefined): { rssMib: number; peakMib: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMib: Math.round(kib('VmRSS') / 1024), peakMib: Math.round(kib('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

/** One value of a Prometheus series a server exposes at /metrics (the first sample of that name), or null. */
export async function metricValue(port: number, name: string): Promise<number | null> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((entry) => entry.startsWith(`${name} `) || entry.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : null;
}
