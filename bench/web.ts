import { sql } from 'kysely';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { createDatabase } from '../src/db/connect.js';
import { startSimulator } from '../src/simulator/server.js';
import { startServer, stopServer } from './lib/processes.js';
import { machineDescription, writeSection } from './lib/report.js';

export interface WebBenchOptions {
  databaseUrl: string;
  stores: number;
  loads: number;
}

const PORT = 4520;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Timings {
  fcp: number;
  /** The book's title on the page (its data answered and rendered). */
  title: number | null;
  /** The best offer (store and total) in its box beside the buy buttons. */
  best: number | null;
  /** The first row of the offers table. */
  offers: number | null;
}

/**
 * The book page in headless Chromium against the 1M-book catalogue: first contentful paint, the title
 * rendered, the best offer and the first row of the offers shown, for a newcomer (a fresh browser profile: nothing cached) and for
 * a returning visitor (assets cached). The baseline is the app's sign-in page from the same process:
 * the same HTML and bundle with no data to fetch.
 */
export async function runWebBench(options: WebBenchOptions): Promise<void> {
  await build({ configFile: 'web/vite.config.ts', logLevel: 'warn' });
  const simulator = await startSimulator({ stores: options.stores, seed: 20261124 });
  const { db } = createDatabase({ connectionString: options.databaseUrl, poolSize: 2 });
  const server = await startServer(
    'src/main.ts',
    {
      DATABASE_URL: options.databaseUrl,
      SIMULATOR_URL: simulator.url,
      RUN_WORKER: 'false',
      REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'folio-bench-web',
    },
    PORT,
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const books = await popularBooks(db, options.loads);
    const base = `http://127.0.0.1:${PORT}`;
    await measure(browser, `${base}/books/${books[0]}`, false); // the server's first page view warms its own caches
    const cold: Timings[] = [];
    const warm: Timings[] = [];
    const shell: Timings[] = [];
    for (const isbn of books) {
      cold.push(await measure(browser, `${base}/books/${isbn}`, false));
      warm.push(await measure(browser, `${base}/books/${isbn}`, true));
      shell.push(await measure(browser, `${base}/sign-in`, false, true));
    }
    report(options, await bookCount(db), { cold, warm, shell });
  } finally {
    await browser.close();
    await stopServer(server);
    await db.destroy();
    await simulator.close();
  }
}

/** One page view in a fresh profile (or, when `returning`, a second view after a first one filled the cache). */
async function measure(browser: Browser, url: string, returning: boolean, baseline = false): Promise<Timings> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    if (returning) {
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForSelector('article.book h1', { timeout: 15_000 }).catch(() => undefined);
    }
    await page.goto(url, { waitUntil: 'load' });
    if (baseline) await page.waitForSelector('form h1', { timeout: 15_000 });
    const title = baseline
      ? null
      : await page.waitForSelector('article.book h1', { timeout: 15_000 }).then(
          () => page.evaluate(() => performance.now()),
          () => null,
        );
    const seen = (selector: string) =>
      baseline
        ? null
        : page.waitForSelector(selector, { timeout: 15_000 }).then(
            () => page.evaluate(() => performance.now()),
            () => null,
          );
    const [best, offers] = await Promise.all([seen('.best-offer .best-price strong'), seen('table.offers tbody tr')]);
    const fcp = await page
      .waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null, undefined, { timeout: 15_000 })
      .then((handle) => handle.jsonValue() as Promise<number>);
    return { fcp, title, best, offers };
  } finally {
    await context.close();
  }
}

async function popularBooks(db: ReturnType<typeof createDatabase>['db'], count: number): Promise<string[]> {
  const { rows } = await sql<{ isbn13: string }>`SELECT isbn13 FROM books ORDER BY demand_score DESC LIMIT ${count}`.execute(db);
  return rows.map((row) => row.isbn13);
}

async function bookCount(db: ReturnType<typeof createDatabase>['db']): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM books`.execute(db);
  return rows[0]!.n;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;
const of = (timings: Timings[], pick: (t: Timings) => number | null, q: number) => {
  const values = timings.map(pick).filter((v): v is number => v !== null);
  return values.length ? ms(quantile(values, q)) : '—';
};

function report(options: WebBenchOptions, books: number, runs: Record<'cold' | 'warm' | 'shell', Timings[]>): void {
  const baseline = quantile(
    runs.shell.map((t) => t.fcp),
    0.5,
  );
  const row = (name: string, timings: Timings[]) =>
    `| ${name} | ${timings.length} | ${of(timings, (t) => t.fcp, 0.5)} | ${of(timings, (t) => t.fcp, 0.95)} | ${of(timings, (t) => t.title, 0.5)} | ${of(timings, (t) => t.title, 0.95)} | ${of(timings, (t) => t.best, 0.5)} | ${of(timings, (t) => t.best, 0.95)} | ${of(timings, (t) => t.offers, 0.5)} | ${(
      quantile(
        timings.map((t) => t.fcp),
        0.5,
      ) / baseline
    ).toFixed(2)} |`;
  const coldFcp = quantile(
    runs.cold.map((t) => t.fcp),
    0.95,
  );
  const coldTitle = quantile(
    runs.cold.map((t) => t.title ?? Infinity),
    0.95,
  );
  const coldBest = quantile(
    runs.cold.map((t) => t.best ?? Infinity),
    0.95,
  );
  const warmBest = quantile(
    runs.warm.map((t) => t.best ?? Infinity),
    0.95,
  );
  const markdown = `## Web app: the book page

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineDescription('')}. Folio (one process, production
mode, the built web app) over ${books.toLocaleString()} books, ${options.stores} simulated stores; headless Debian Chromium on the same
machine loads the page of ${options.loads} popular books. "Newcomer" is a fresh browser profile (nothing cached); "returning" has
loaded the page once before (assets cached). Times are from navigation start, as the browser reports them. The baseline is
the app's sign-in page from the same process, a newcomer too (the same HTML and bundle, no data to fetch); the last column is
each median FCP over its median.

| page | loads | FCP p50 | FCP p95 | title shown p50 | title shown p95 | best offer shown p50 | best offer shown p95 | first offer row p50 | FCP vs sign-in page |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${row('book page, newcomer', runs.cold)}
${row('book page, returning', runs.warm)}
${row('sign-in page, newcomer (baseline)', runs.shell)}

- Book page first contentful paint, newcomer: p95 **${ms(coldFcp)}** (target under 1 s); the book itself (its title and
  details) is on screen by p95 **${ms(coldTitle)}**; the best offer (store and total beside "Add to cart") by p95
  **${ms(coldBest)}** for a newcomer and **${ms(warmBest)}** for a returning visitor.
- The page's HTML paints the site header at once (the first contentful paint); the book's data is one GraphQL request after
  the 30 KB (gzip) bundle, and the offers fill in as stores answer (a live look-up for offers older than ten minutes, each
  answer streamed over the WebSocket), so the first offer shows before the slowest store has answered.
`;
  writeSection('web', markdown);
  console.log(markdown);
}
