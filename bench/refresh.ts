import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { startSimulator } from '../src/simulator/server.js';
import { startServer, stopServer } from './lib/processes.js';
import { machineDescription, writeSection } from './lib/report.js';

export interface RefreshBenchOptions {
  databaseUrl: string;
  stores: number;
  durationMs: number;
  concurrency: number;
}

const FOLIO_PORT = 4503;

interface StoreStats {
  slug: string;
  rateLimitPerSecond: number;
  requests: number;
  throttled: number;
}

/**
 * Runs the scheduled refresh against the simulated network with plenty of work due and measures, from
 * the simulator's side, how much of every store's request budget Folio used and how many 429s it caused.
 */
export async function runRefreshBench(options: RefreshBenchOptions): Promise<void> {
  const simulator = await startSimulator({ stores: options.stores, seed: 20261124 });
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  const folio = await startServer(
    'src/main.ts',
    {
      DATABASE_URL: options.databaseUrl, SIMULATOR_URL: simulator.url, NODE_ENV: 'production',
      AUTH_SECRET: 'bench-secret-bench-secret-bench-secret', DEMO_BOOKS: '0', WORKER_CONCURRENCY: String(options.concurrency),
    },
    FOLIO_PORT,
  );
  try {
    await pool.query(`INSERT INTO refresh_state (book_id, tier, next_due_at)
      SELECT id, 'HOT', now() FROM books ORDER BY demand_score DESC LIMIT 20000
      ON CONFLICT (book_id) DO UPDATE SET next_due_at = now(), tier = 'HOT'`);
    await pool.query(`DELETE FROM graphile_worker._private_jobs j USING graphile_worker._private_tasks t
      WHERE j.task_id = t.id AND t.identifier IN ('refresh_offers', 'schedule_refreshes')`);
    await resetStats(simulator.url, simulator.simulator.profiles().map((profile) => profile.slug));
    const offersBefore = await countOffers(pool);
    const started = Date.now();
    await pool.query(`SELECT graphile_worker.add_job('schedule_refreshes', '{"limit": 20000}'::json)`);
    const memory: number[] = [];
    while (Date.now() - started < options.durationMs) {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      memory.push(await rssOf(folio.pid!));
    }
    const seconds = (Date.now() - started) / 1000;
    const stats = await storeStats(simulator.url);
    const offersWritten = (await countOffers(pool)) - offersBefore;
    report(options, stats, seconds, offersWritten, memory);
  } finally {
    await stopServer(folio);
    await simulator.close();
    await pool.end();
  }
}

function report(options: RefreshBenchOptions, stats: StoreStats[], seconds: number, offersWritten: number, memory: number[]): void {
  const budget = stats.reduce((sum, store) => sum + store.rateLimitPerSecond * seconds, 0);
  const used = stats.reduce((sum, store) => sum + store.requests, 0);
  const throttled = stats.reduce((sum, store) => sum + store.throttled, 0);
  const perStore = stats.map((store) => store.requests / (store.rateLimitPerSecond * seconds)).sort((a, b) => a - b);
  const median = perStore[Math.floor(perStore.length / 2)] ?? 0;
  const peakMb = Math.max(...memory, 0) / 2 ** 20;
  const table = [
    '| measure | value |',
    '|---|---:|',
    `| stores | ${stats.length} |`,
    `| run | ${seconds.toFixed(0)} s with 20,000 books due, ${options.concurrency} refresh jobs at a time |`,
    `| requests sent / allowed by the stores' limits | ${used} / ${Math.round(budget)} (**${((used / budget) * 100).toFixed(1)} %**) |`,
    `| budget used per store: lowest, median | ${(perStore[0]! * 100).toFixed(1)} %, ${(median * 100).toFixed(1)} % |`,
    `| 429 responses caused | **${throttled}** |`,
    `| refresh throughput | ${(used / seconds).toFixed(0)} store look-ups/s, ${(offersWritten / seconds).toFixed(0)} new offers/s |`,
    `| Folio process memory (RSS), peak | ${peakMb.toFixed(0)} MiB |`,
  ].join('\n');
  writeSection('refresh', `## Price refresh against the partner network

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineDescription('')}; one Folio process (API + worker) against
the simulator on the same machine, whose own counters give the figures. The target: no 429 caused by Folio's pacing
while using at least 90 % of the allowed budget when work is due.

${table}
`);
  console.log(table);
}

async function resetStats(url: string, slugs: string[]): Promise<void> {
  await Promise.all(slugs.map((slug) => fetch(`${url}/admin/stores/${slug}/stats/reset`, { method: 'POST' })));
}

async function storeStats(url: string): Promise<StoreStats[]> {
  const stores = (await (await fetch(`${url}/admin/stores`)).json()) as { slug: string; rateLimitPerSecond: number }[];
  return Promise.all(
    stores.map(async (store) => {
      const stats = (await (await fetch(`${url}/admin/stores/${store.slug}/stats`)).json()) as { requests: number; throttled: number };
      return { slug: store.slug, rateLimitPerSecond: store.rateLimitPerSecond, requests: stats.requests, throttled: stats.throttled };
    }),
  );
}

async function countOffers(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM offers');
  return Number(rows[0]!.n);
}

/** Resident memory of a process, from /proc (0 where there is no /proc). */
async function rssOf(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}
