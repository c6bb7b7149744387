import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type CatalogBenchOptions, databaseUrl, eachOnce, isbnMix, prepareDatabase, searchQueries, zipfTraffic } from './catalog.js';
import { profileMarkdown, summarizeProfile } from './lib/cpu-profile.js';
import { runLoad } from './lib/load.js';
import { startServer, stopServer } from './lib/processes.js';
import { machineDescription, writeSection } from './lib/report.js';

/** The catalogue benchmark's database and load, without its rounds. */
export interface ProfileBenchOptions extends Omit<CatalogBenchOptions, 'rounds' | 'postgresDataDir'> {
  /** Which state of the code the profiles describe ("before", "after"): each has its own section. */
  label: string;
}

const PORT = 4503;
const FOLIO = 'src/api-main.ts';

/**
 * Where the API's time goes under each catalogue scenario: one Folio process per scenario, profiled only
 * while the load runs (bench/lib/profile-on-signal.ts), its self time summed by function and by package.
 */
export async function runProfileBench(options: ProfileBenchOptions): Promise<void> {
  const { books } = await prepareDatabase(options);
  const url = databaseUrl(options.adminUrl, options.database);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const postgresVersion = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v").then((r) => `PostgreSQL ${r.rows[0]!.v}`);
  await client.end();
  const distinct = await searchQueries(url, 30_000);
  const typename = async () => () => JSON.stringify({ query: '{ __typename }' });
  // The bare server first: what any graphql-yoga spends on a request, beside which Folio's own costs show.
  const scenarios: [string, () => Promise<() => string>, string][] = [
    ['bare graphql-yoga `{ __typename }`', typename, 'bench/bare-yoga.ts'],
    ['`{ __typename }`', typename, FOLIO],
    ['`book(isbn:)`, Zipf', () => isbnMix(url, 'popular'), FOLIO],
    ['`searchBooks`, Zipf over 10,000 searches', async () => zipfTraffic(distinct.slice(0, 10_000), 3), FOLIO],
    ['`searchBooks`, every search new', async () => eachOnce(distinct.slice(10_000)), FOLIO],
  ];
  // Kept for a closer look (Chromium's DevTools open them): .data/profiles/<label>/<scenario>.cpuprofile.
  const folder = path.join('.data', 'profiles', options.label);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const sections: string[] = [];
  for (const [name, traffic, script] of scenarios) {
    const file = path.join(folder, `${sections.length}.cpuprofile`);
    const body = await traffic();
    const folio = await startServer(
      script,
      { DATABASE_URL: url, RUN_WORKER: 'false', BENCH_PROFILE_FILE: file },
      PORT,
      script === FOLIO ? '/ready' : '/health',
      ['--import', './bench/lib/profile-on-signal.ts'],
    );
    try {
      const load = (durationMs: number) => runLoad({ name, url: `http://127.0.0.1:${PORT}/graphql`, concurrency: options.concurrency, durationMs, body });
      await load(5_000);
      folio.kill('SIGUSR2');
      const result = await load(options.durationMs);
      folio.kill('SIGUSR2');
      await waitFor(() => existsSync(file));
      const summary = summarizeProfile(file);
      console.log(`${name}: ${result.throughput} req/s while profiled\n${profileMarkdown(summary, result.requests)}\n`);
      sections.push(`**${name}** (${result.throughput} req/s while profiled, p95 ${result.p95} ms)\n\n${profileMarkdown(summary, result.requests)}`);
    } finally {
      await stopServer(folio);
    }
  }
  writeSection(
    `catalog-profile-${options.label}`,
    `### Where the time goes: ${options.label}

${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineDescription(postgresVersion)}; ${books.toLocaleString('en-US')} books.
\`npm run bench -- --only profile --label ${options.label}\`: one Folio process (API only) per scenario, ${options.concurrency} requests
in flight, profiled with V8's sampling profiler for ${options.durationMs / 1000} s after 5 s of warm-up (profiling slows it a little).
Figures are CPU time per request (idle excluded); "By package" sums self time by where the code lives. One profiled
run of 10 s varies by up to a fifth in CPU per request on a shared virtual machine: compare where the time goes, not totals.

${sections.join('\n\n')}
`,
  );
}

async function waitFor(ready: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 100 && !ready(); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!ready()) throw new Error('the profile was not written');
}
