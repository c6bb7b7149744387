import { readFile, writeFile } from 'node:fs/promises';
import pg from 'pg';
import { startSimulator } from '../src/simulator/server.js';
import { inOutage, type StoreProfile } from '../src/simulator/stores.js';
import { parkOtherBenchmarksOrders } from './lib/park-orders.js';
import { startServer, stopServer } from './lib/processes.js';
import { storeCounters } from './lib/simulator-stats.js';
import { machineDescription, writeSection } from './lib/report.js';

export interface RefreshBenchOptions {
  databaseUrl: string;
  stores: number;
  durationMs: number;
  concurrency: number;
}

/** More books than the run can refresh, so every store has work due for the whole run. */
const BOOKS_DUE = 150_000;
/** Start-up (store sync, the first jobs queued) is left out of the measurement. */
const WARM_UP_MS = 20_000;

const FOLIO_PORT = 4503;

interface StoreStats {
  slug: string;
  rateLimitPerSecond: number;
  requests: number;
  throttled: number;
  /** The store was down (an outage window) for part of the run, so part of its budget could not be used. */
  hadOutage: boolean;
}

/**
 * Runs the scheduled refresh against the simulated network with plenty of work due and measures, from
 * the simulator's side, how much of every store's request budget Folio used and how many 429s it caused.
 */
export async function runRefreshBench(options: RefreshBenchOptions): Promise<void> {
  const simulator = await startSimulator({ stores: options.stores, seed: 20261124 });
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  await parkOtherBenchmarksOrders(pool);
  const folio = await startServer(
    'src/main.ts',
    {
      DATABASE_URL: options.databaseUrl,
      SIMULATOR_URL: simulator.url,
      REFRESH_CONCURRENCY: String(options.concurrency),
    },
    FOLIO_PORT,
  );
  try {
    await pool.query(`INSERT INTO refresh_state (book_id, tier, next_due_at)
      SELECT id, 'HOT', now() FROM books ORDER BY demand_score DESC LIMIT ${BOOKS_DUE}
      ON CONFLICT (book_id) DO UPDATE SET next_due_at = now(), tier = 'HOT'`);
    await pool.query(`DELETE FROM graphile_worker._private_jobs j USING graphile_worker._private_tasks t
      WHERE j.task_id = t.id AND t.identifier IN ('refresh_offers', 'schedule_refreshes')`);
    await resetStats(
      simulator.url,
      simulator.simulator.profiles().map((profile) => profile.slug),
    );
    await pool.query(`SELECT graphile_worker.add_job('schedule_refreshes', '{}'::json)`);
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
    const before = await storeStats(simulator.url, new Set());
    const observationsBefore = await countObservations(pool);
    const started = Date.now();
    const memory: number[] = [];
    while (Date.now() - started < options.durationMs) {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      memory.push(await rssOf(folio.pid!));
    }
    const seconds = (Date.now() - started) / 1000;
    const outages = storesWithOutage(simulator.simulator.profiles(), started - WARM_UP_MS, Date.now());
    const after = await storeStats(simulator.url, outages);
    const observations = (await countObservations(pool)) - observationsBefore;
    const requestsBefore = new Map(before.map((store) => [store.slug, store.requests]));
    // Requests over the measured window; 429s over the whole run, warm-up included.
    const stats = after.map((store) => ({ ...store, requests: store.requests - (requestsBefore.get(store.slug) ?? 0) }));
    const profiles = new Map(simulator.simulator.profiles().map((profile) => [profile.slug, profile]));
    await writeFile(
      '.data/bench-refresh-stores.json',
      JSON.stringify(
        stats.map((store) => ({
          ...store,
          supportsBatch: profiles.get(store.slug)?.supportsBatch,
          latencyMs: profiles.get(store.slug)?.latencyMs,
          used: store.requests / (store.rateLimitPerSecond * seconds),
        })),
        null,
        1,
      ),
    );
    report(options, stats, seconds, observations, memory);
  } finally {
    await stopServer(folio);
    await simulator.close();
    await pool.end();
  }
}

function report(options: RefreshBenchOptions, stats: StoreStats[], seconds: number, observations: number, memory: number[]): void {
  const share = (stores: StoreStats[]) => {
    const budget = stores.reduce((sum, store) => sum + store.rateLimitPerSecond * seconds, 0);
    const used = stores.reduce((sum, store) => sum + store.requests, 0);
    return { used, budget, percent: budget ? (used / budget) * 100 : 0 };
  };
  const all = share(stats);
  const up = share(stats.filter((store) => !store.hadOutage));
  const throttled = stats.reduce((sum, store) => sum + store.throttled, 0);
  const perStore = stats
    .filter((store) => !store.hadOutage)
    .map((store) => store.requests / (store.rateLimitPerSecond * seconds))
    .sort((a, b) => a - b);
  const percentile = (p: number) => ((perStore[Math.min(perStore.length - 1, Math.floor(perStore.length * p))] ?? 0) * 100).toFixed(1);
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  const sortedMemory = [...memory].sort((a, b) => a - b);
  const table = [
    '| measure | value |',
    '|---|---:|',
    `| stores | ${stats.length} (${stats.length - stats.filter((store) => store.hadOutage).length} without an outage window during the run) |`,
    `| run | ${seconds.toFixed(0)} s measured after ${WARM_UP_MS / 1000} s of warm-up, ${BOOKS_DUE.toLocaleString('en-US')} books due, ${options.concurrency} refresh jobs at a time |`,
    `| requests sent / allowed, stores without an outage | ${up.used} / ${Math.round(up.budget)} (**${up.percent.toFixed(1)} %**) |`,
    `| requests sent / allowed, all stores | ${all.used} / ${Math.round(all.budget)} (${all.percent.toFixed(1)} %) |`,
    `| budget used per store (no outage): lowest, 10th percentile, median | ${percentile(0)} %, ${percentile(0.1)} %, ${percentile(0.5)} % |`,
    `| 429 responses caused (whole run) | **${throttled}** |`,
    `| refresh throughput | ${(all.used / seconds).toFixed(0)} requests/s, **${(observations / seconds).toFixed(0)} offers recorded/s** (history rows) |`,
    `| Folio process memory (RSS): median, peak | ${mib(sortedMemory[Math.floor(sortedMemory.length / 2)] ?? 0)} MiB, ${mib(sortedMemory.at(-1) ?? 0)} MiB |`,
  ].join('\n');
  writeSection(
    'refresh',
    `## Price refresh against the partner network

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineDescription('')}; one Folio process (API + worker) against
the simulator on the same machine, whose own counters give the figures (a request answered 429 counts as sent).
The target: no 429 caused by Folio's pacing while using at least 90 % of the allowed budget when work is due.
Allowed is the store's rate × the seconds measured; its burst (less one token) lets Folio go a little above that.
Stores whose daily outage window fell inside the run are shown apart: while down they refuse every request and
their circuit stays open, so their budget cannot be used.

${table}
`,
  );
  console.log(table);
}

async function resetStats(url: string, slugs: string[]): Promise<void> {
  await Promise.all(slugs.map((slug) => fetch(`${url}/admin/stores/${slug}/stats/reset`, { method: 'POST' })));
}

async function storeStats(url: string, outages: Set<string>): Promise<StoreStats[]> {
  return (await storeCounters(url)).map((store) => ({ ...store, hadOutage: outages.has(store.slug) }));
}

/** Stores in an outage window at any minute of the run. */
function storesWithOutage(profiles: StoreProfile[], from: number, to: number): Set<string> {
  const slugs = new Set<string>();
  for (let at = from; at <= to + 60_000; at += 30_000) {
    for (const profile of profiles) if (inOutage(profile, new Date(at))) slugs.add(profile.slug);
  }
  return slugs;
}

async function countObservations(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM price_observations');
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
