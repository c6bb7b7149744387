import pg from 'pg';
import { createPool } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadCatalog } from '../src/seed/load-catalog.js';
import { Random, ZipfSampler } from '../src/seed/random.js';
import { loadWithCpu } from './lib/cpu.js';
import { runLoad, type LoadResult } from './lib/load.js';
import { metricValue, residentMemory, startServer, stopServer } from './lib/processes.js';
import { machineDescription, resultTable, writeSection } from './lib/report.js';

export interface CatalogBenchOptions {
  adminUrl: string;
  database: string;
  books: number;
  reseed: boolean;
  durationMs: number;
  concurrency: number;
  rounds: number;
  /** The benchmark PostgreSQL's data folder: its processes count as the benchmark's own CPU use. */
  postgresDataDir: string;
}

/** The median round by throughput, with every round's lowest and highest throughput and p95 beside it. */
function medianRound(rounds: LoadResult[]): LoadResult {
  const sorted = [...rounds].sort((a, b) => a.throughput - b.throughput);
  const p95s = rounds.map((round) => round.p95);
  return {
    ...sorted[Math.floor(sorted.length / 2)]!,
    requests: rounds.reduce((sum, round) => sum + round.requests, 0),
    spread: { throughput: [sorted[0]!.throughput, sorted.at(-1)!.throughput], p95: [Math.min(...p95s), Math.max(...p95s)] },
  };
}

/** A round in which processes outside the benchmark took more than this share of the CPU is reported. */
const BUSY_MACHINE = 0.1;

interface RoundTarget {
  port: number;
  pid: number;
}

interface RoundScenario {
  name: string;
  server: RoundTarget;
  body: () => string;
}

/**
 * One round of load against a server, with the CPU that server and PostgreSQL used per request; a round
 * during which other processes were busy is named in `disturbed`.
 */
function roundMeasurer(options: CatalogBenchOptions, disturbed: string[]) {
  const run = (name: string, server: RoundTarget, body: () => string, durationMs: number) =>
    runLoad({ name, url: `http://127.0.0.1:${server.port}/graphql`, concurrency: options.concurrency, durationMs, body });
  return {
    warmUp: (server: RoundTarget, body: () => string, durationMs: number) => run('warm-up', server, body, durationMs),
    async round(scenario: RoundScenario, round: number): Promise<LoadResult> {
      const measured = () => run(scenario.name, scenario.server, scenario.body, options.durationMs);
      const { result, othersShare } = await loadWithCpu(options.postgresDataDir, measured, scenario.server.pid);
      if (othersShare !== null && othersShare > BUSY_MACHINE) disturbed.push(`${scenario.name}, round ${round + 1}: ${Math.round(othersShare * 100)} %`);
      return result;
    },
  };
}

/**
 * Every scenario's rounds, taken in turn (round 1 of each, then round 2 of each, …) so that a ratio
 * between two scenarios compares the same stretch of the machine's time: the pace of a shared virtual
 * machine moves by a third within the hour. Each scenario's result is its median round.
 */
async function interleavedRounds(rounds: number, measure: ReturnType<typeof roundMeasurer>, scenarios: RoundScenario[]): Promise<LoadResult[]> {
  const taken = scenarios.map((): LoadResult[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, scenario] of scenarios.entries()) taken[index]!.push(await measure.round(scenario, round));
  }
  return taken.map(medianRound);
}

const FOLIO_PORT = 4501;
/** `folio api`: an API node alone (no worker, no simulator, no seeding), as one behind a load balancer runs. */
const API_ONLY = 'src/api-main.ts';
const BARE_PORT = 4502;
const BARE_UNLIMITED_PORT = 4504;

const BOOK_QUERY = `query($isbn: String!) { book(isbn: $isbn) { isbn13 title authors { name } category { name } publisher listPrice { amount } stock } }`;
const SEARCH_QUERY = `query($query: String, $filter: BookFilter, $sort: BookSort) {
  searchBooks(query: $query, filter: $filter, sort: $sort, first: 20) {
    totalCount edges { node { isbn13 title authors { name } listPrice { amount } } }
    facets { categories { value count } authors { value count } languages { value count } priceRanges { value count } inStock } } }`;

export async function prepareDatabase(
  options: Pick<CatalogBenchOptions, 'adminUrl' | 'database' | 'books' | 'reseed'>,
): Promise<{ seedSeconds: number | null; books: number }> {
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database])).rowCount;
  const url = databaseUrl(options.adminUrl, options.database);
  if (exists && !options.reseed) {
    const pool = createPool({ connectionString: url, poolSize: 2 });
    await migrateToLatest(pool);
    const { rows } = await pool.query<{ n: number }>('SELECT count(*) AS n FROM books');
    await pool.end();
    if (rows[0]!.n >= options.books) {
      await admin.end();
      return { seedSeconds: null, books: rows[0]!.n };
    }
  }
  await admin.query(`DROP DATABASE IF EXISTS ${options.database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${options.database}`);
  await admin.end();
  const pool = createPool({ connectionString: url, poolSize: 4 });
  await migrateToLatest(pool);
  console.log(`Seeding ${options.books} books …`);
  const result = await loadCatalog(pool, { books: options.books, curated: true, onProgress: (done, total) => process.stdout.write(`\r  ${done}/${total}`) });
  await pool.end();
  console.log(`\n  seeded in ${result.seconds.toFixed(1)} s`);
  return { seedSeconds: result.seconds, books: result.books };
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const TYPEAHEAD_QUERY = `query($query: String) { searchBooks(query: $query, first: 8) { edges { node { isbn13 title authors { name } } } } }`;

/**
 * Distinct shopper searches: title words (common words more often, as in titles), two-word queries,
 * author names, exact titles, queries with filters, misspellings, filtered browsing (all with counts
 * and facets, as a results page asks), and type-ahead prefixes (first 8 titles only, as a search box asks).
 */
export async function searchQueries(url: string, count: number): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const titles = (
    await pool.query<{ title: string; author_names: string }>(
      `SELECT title, author_names FROM books TABLESAMPLE SYSTEM (${await samplePercent(pool, 10_000)}) LIMIT 5000`,
    )
  ).rows;
  const categories = (await pool.query<{ id: number }>('SELECT id FROM categories')).rows.map((row) => Buffer.from(`Category:${row.id}`).toString('base64'));
  await pool.end();
  const random = new Random(42);
  const words = (text: string) => text.split(/[^\p{L}]+/u).filter((word) => word.length > 3);
  const bodies = new Set<string>();
  while (bodies.size < count) {
    const book = random.pick(titles);
    const titleWords = words(book.title).length ? words(book.title) : ['book'];
    const word = random.pick(titleWords);
    const kind = random.weighted([
      ['word', 25],
      ['two', 12],
      ['author', 18],
      ['prefix', 20],
      ['title', 10],
      ['filter', 8],
      ['typo', 4],
      ['browse', 3],
    ] as const);
    let query = SEARCH_QUERY;
    let variables: Record<string, unknown>;
    if (kind === 'word') variables = { query: word };
    else if (kind === 'two') variables = { query: titleWords.slice(0, 2).join(' ') };
    else if (kind === 'author') variables = { query: book.author_names.split(', ')[0] };
    else if (kind === 'prefix') {
      query = TYPEAHEAD_QUERY;
      variables = { query: `${titleWords.slice(0, -1).join(' ')} ${word.slice(0, random.int(3, word.length))}`.trim() };
    } else if (kind === 'title') variables = { query: book.title };
    else if (kind === 'filter')
      variables = {
        query: word,
        filter: random.chance(0.5) ? { languages: ['en'], inStockOnly: true } : { categoryIds: [random.pick(categories)], maxPriceCents: 1999 },
      };
    else if (kind === 'typo') variables = { query: `${word.slice(0, 2)}${word.slice(3)}` };
    else variables = { filter: { categoryIds: [random.pick(categories)] }, sort: 'PRICE_ASC' };
    bodies.add(JSON.stringify({ query, variables }));
  }
  return [...bodies];
}

/**
 * The share of the catalogue (in percent) a sample of about `rows` books takes: a fixed percentage of a
 * small catalogue gives too few titles for tens of thousands of distinct searches.
 */
async function samplePercent(pool: pg.Pool, rows: number): Promise<number> {
  const { rows: found } = await pool.query<{ n: number }>("SELECT greatest(reltuples, 1)::float8 AS n FROM pg_class WHERE relname = 'books'");
  return Math.min(100, Math.max(1, Math.ceil((rows / (found[0]?.n ?? rows)) * 100)));
}

/** Real search traffic repeats: requests follow Zipf over the distinct searches, so popular ones recur. */
export function zipfTraffic(bodies: string[], seed: number): () => string {
  const random = new Random(seed);
  const zipf = new ZipfSampler(bodies.length, 1);
  return () => bodies[zipf.sample(random) - 1]!;
}

export function eachOnce(bodies: string[]): () => string {
  let next = 0;
  return () => bodies[next++ % bodies.length]!;
}

/**
 * Book pages are visited as books are popular: Zipf over the catalogue's popularity ranking (the
 * realistic case), or uniformly over a random sample (the worst case: nearly every request misses the cache).
 */
export async function isbnMix(url: string, distribution: 'popular' | 'uniform'): Promise<() => string> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const sql =
    distribution === 'popular'
      ? 'SELECT isbn13 FROM books ORDER BY demand_score DESC, id LIMIT 200000'
      : `SELECT isbn13 FROM books TABLESAMPLE SYSTEM (${await samplePercent(pool, 50_000)}) LIMIT 50000`;
  const isbns = (await pool.query<{ isbn13: string }>(sql)).rows.map((row) => row.isbn13);
  await pool.end();
  const random = new Random(7);
  const zipf = new ZipfSampler(isbns.length, 1);
  const pick = distribution === 'popular' ? () => isbns[zipf.sample(random) - 1]! : () => random.pick(isbns);
  return () => JSON.stringify({ query: BOOK_QUERY, variables: { isbn: pick() } });
}

export async function runCatalogBench(options: CatalogBenchOptions): Promise<void> {
  const { seedSeconds, books } = await prepareDatabase(options);
  const url = databaseUrl(options.adminUrl, options.database);
  // Settled before measuring: autovacuum working through a fresh seed (or earlier runs' writes) would
  // compete for the cores and leave the planner with stale statistics.
  const settle = new pg.Pool({ connectionString: url, max: 1 });
  await settle.query('VACUUM (ANALYZE)');
  const postgresVersion = await settle.query<{ v: string }>("SELECT current_setting('server_version') AS v").then((r) => `PostgreSQL ${r.rows[0]!.v}`);
  await settle.end();
  const typename = () => JSON.stringify({ query: '{ __typename }' });
  const disturbed: string[] = [];
  const measure = roundMeasurer(options, disturbed);

  // The baselines and Folio are up together and their rounds are taken in turn (see interleavedRounds).
  const bare = await startServer('bench/bare-yoga.ts', {}, BARE_PORT);
  const bareUnlimited = await startServer('bench/bare-yoga.ts', { BARE_BODY_LIMIT: 'false' }, BARE_UNLIMITED_PORT);
  // API only: a worker refreshing a fresh catalogue's prices would compete for the same two cores.
  const folioEnv = { DATABASE_URL: url };
  // Both engines answer the same searches: the sample of titles they are drawn from is random.
  const distinct = await searchQueries(url, 30_000);
  const starting = performance.now();
  const folio = await startServer(API_ONLY, folioEnv, FOLIO_PORT, '/ready');
  const startUp = {
    readySeconds: (performance.now() - starting) / 1000,
    indexReadSeconds: await metricValue(FOLIO_PORT, 'folio_search_index_read_seconds'),
    atReady: residentMemory(folio.pid),
  };
  let afterLoad: ReturnType<typeof residentMemory> = null;
  const measured: LoadResult[] = [];
  try {
    const popular = await isbnMix(url, 'popular');
    const uniform = await isbnMix(url, 'uniform');
    const repeated = zipfTraffic(distinct.slice(0, 10_000), 3);
    const cold = eachOnce(distinct.slice(10_000));
    const bareServer = { port: BARE_PORT, pid: bare.pid! };
    const unlimitedServer = { port: BARE_UNLIMITED_PORT, pid: bareUnlimited.pid! };
    const folioServer = { port: FOLIO_PORT, pid: folio.pid! };
    await measure.warmUp(bareServer, typename, 3_000);
    await measure.warmUp(unlimitedServer, typename, 3_000);
    await measure.warmUp(folioServer, popular, 5_000);
    await measure.warmUp(folioServer, repeated, 5_000);
    const rounds = await interleavedRounds(options.rounds, measure, [
      { name: 'bare graphql-yoga `{ __typename }` (baseline)', server: bareServer, body: typename },
      { name: 'bare graphql-yoga without its body-size stream (`maxRequestBodySize: false`, as Folio)', server: unlimitedServer, body: typename },
      { name: 'Folio `{ __typename }`', server: folioServer, body: typename },
      { name: '`book(isbn:)`, popularity-weighted (Zipf) book pages', server: folioServer, body: popular },
      { name: '`book(isbn:)`, uniformly random books (each one rarely asked for)', server: folioServer, body: uniform },
      { name: '`searchBooks` shopper mix, Zipf over 10,000 distinct searches', server: folioServer, body: repeated },
      { name: '`searchBooks` shopper mix, every search new (no cache)', server: folioServer, body: cold },
    ]);
    measured.push(...rounds);
    afterLoad = residentMemory(folio.pid);
  } finally {
    await Promise.all([stopServer(folio), stopServer(bare), stopServer(bareUnlimited)]);
  }
  // The same searches answered by PostgreSQL alone, for comparison: a process without the search index.
  const postgresOnly = await startServer(API_ONLY, { ...folioEnv, SEARCH_INDEX: 'false' }, FOLIO_PORT, '/ready');
  try {
    const server = { port: FOLIO_PORT, pid: postgresOnly.pid! };
    await measure.warmUp(server, zipfTraffic(distinct.slice(0, 10_000), 4), 5_000);
    measured.push(
      ...(await interleavedRounds(options.rounds, measure, [
        { name: '`searchBooks` shopper mix, Zipf, PostgreSQL only (`SEARCH_INDEX=false`)', server, body: zipfTraffic(distinct.slice(0, 10_000), 3) },
        { name: '`searchBooks` shopper mix, every search new, PostgreSQL only', server, body: eachOnce(distinct.slice(10_000)) },
      ])),
    );
  } finally {
    await stopServer(postgresOnly);
  }

  const [baseline, unlimitedBaseline, ...results] = measured as [LoadResult, LoadResult, ...LoadResult[]];
  const bookResult = results[1]!;
  const searchResult = results[3]!;
  writeSection(
    'catalog',
    `## Catalogue and search

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineDescription(postgresVersion)}.
Dataset: ${books.toLocaleString('en-US')} books (generated by \`npm run seed\`), ${options.concurrency} requests in flight; each scenario runs ${options.rounds} rounds of ${options.durationMs / 1000} s after warm-up and the median round is shown (requests: all rounds).
The baselines and Folio are up together and their rounds are taken in turn (round 1 of every scenario, then round 2, …), so a ratio compares the same stretch of the machine's time.
CPU per request is that of the server answering (one Node process) and of PostgreSQL; the load generator is a Node process on the same two cores.
PostgreSQL runs with the settings of \`tunedSettings\` in \`src/db/embedded.ts\` (shared buffers a quarter of RAM, JIT off), after \`VACUUM (ANALYZE)\` of the whole database.
Seed time for the dataset: ${seedSeconds === null ? 'not measured in this run (database reused; run `npm run bench -- --reseed`)' : `${seedSeconds.toFixed(1)} s`}.

${resultTable([baseline, unlimitedBaseline, ...results], baseline)}

${
  disturbed.length === 0
    ? `No other process used more than ${BUSY_MACHINE * 100} % of the CPU during any round (read from /proc; the benchmark's own processes and its PostgreSQL excluded).`
    : `**Warning: other processes used more than ${BUSY_MACHINE * 100} % of the CPU** during ${disturbed.length} round(s) (treat those figures with care): ${disturbed.join('; ')}.`
}

- Folio's \`{ __typename }\` throughput is **${Math.round((results[0]!.throughput / baseline.throughput) * 100)} %** of the bare-yoga baseline (target ≥ 85 %): what its request path
  (limits, metrics, context, masking) costs before any resolver runs. The baseline runs Yoga's defaults, which pipe every request
  body through a stream counting its bytes (\`maxRequestBodySize\`); Folio's HTTP server checks the size itself and turns that off.
  Against Yoga with the same setting, Folio's \`{ __typename }\` is at **${Math.round((results[0]!.throughput / unlimitedBaseline.throughput) * 100)} %**: the cost of Folio's own request path alone.
- \`book(isbn:)\` throughput is **${Math.round((bookResult.throughput / baseline.throughput) * 100)} %** of the bare-yoga baseline (target ≥ 60 %)
  for popularity-weighted traffic: the book's row comes from the search index, its names and stock from tables read whole at start
  and kept in step by the database's change notices, so a page of a book nobody asked for before reads nothing either.
- \`searchBooks\` p95 is **${searchResult.p95} ms** (target ≤ 40 ms) for search traffic that repeats as real traffic does
  (Zipf over 10,000 distinct searches; pages and counts are cached until the index changes), and ${results[4]!.p95} ms when every search is new (target ≤ 50 ms).
  Matching, counts, facets, order and the rows of each page come from the in-process search index (its first read is not timed:
  the process is measured once \`/ready\`); the same traffic answered by PostgreSQL alone: p95 ${results[5]!.p95} ms (Zipf) and
  ${results[6]!.p95} ms (every search new); the index serves ${(searchResult.throughput / results[5]!.throughput).toFixed(1)}× and ${(results[4]!.throughput / results[6]!.throughput).toFixed(1)}× their throughput.
  The mix: title words (25 %), two-word queries (12 %), author names (18 %), type-ahead prefixes without facets (20 %),
  exact titles (10 %), words with filters (8 %), misspellings (4 %), filtered browsing sorted by price (3 %).
- Memory and start-up of that API node: ${memoryLine(startUp, afterLoad)}
- Folio runs as an API node alone (\`folio api\`: no worker, no in-process simulator): on a freshly seeded catalogue
  every book's prices are due, and a worker refreshing them would take most of the two cores.
`,
  );
  console.log(resultTable([baseline, unlimitedBaseline, ...results], baseline));
}

/** What the API node took to start and how much memory it holds, for the report. */
function memoryLine(
  startUp: { readySeconds: number; indexReadSeconds: number | null; atReady: ReturnType<typeof residentMemory> },
  afterLoad: ReturnType<typeof residentMemory>,
): string {
  const index = startUp.indexReadSeconds === null ? '' : ` (reading the search index: ${startUp.indexReadSeconds.toFixed(1)} s)`;
  const memory = (m: ReturnType<typeof residentMemory>) => (m ? `${m.rssMib} MiB` : 'not measured (no /proc)');
  return `ready to answer ${startUp.readySeconds.toFixed(1)} s after it was started${index}; resident memory **${memory(startUp.atReady)}** when ready, ${memory(afterLoad)} after every scenario above (peak ${afterLoad?.peakMib ?? '–'} MiB).`;
}
