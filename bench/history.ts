import pg from 'pg';
import { generatePriceHistory } from '../src/seed/history.js';
import { runLoad } from './lib/load.js';
import { startServer, stopServer } from './lib/processes.js';
import { machineDescription, resultTable, writeSection } from './lib/report.js';

export interface HistoryBenchOptions {
  databaseUrl: string;
  durationMs: number;
  concurrency: number;
}

const PORT = 4507;
const BOOKS = 1_000;
const DAYS = 730;

const HISTORY_QUERY = `query History($isbn: String!, $from: DateTime!) {
  book(isbn: $isbn) { priceHistory(from: $from, granularity: DAY) {
    points { bucket open { cents } high { cents } low { cents } close { cents } average { cents } samples }
    allTimeLow { cents } lowest30d { cents } average30d { cents } current { cents } isGoodDeal } }
}`;

/** `priceHistory` with two years of DAY buckets (730 points) for the most popular books, read from the rollups. */
export async function runHistoryBench(options: HistoryBenchOptions): Promise<void> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  let isbns: string[];
  let generated = 'already present';
  try {
    const started = Date.now();
    const { observations } = await generatePriceHistory(pool, { books: BOOKS, days: DAYS, storesPerBook: 5 });
    if (observations > 0) generated = `${observations.toLocaleString('en-US')} observations generated in ${((Date.now() - started) / 1000).toFixed(0)} s`;
    const { rows } = await pool.query<{ isbn13: string }>(
      'SELECT b.isbn13 FROM books b WHERE EXISTS (SELECT 1 FROM book_price_daily d WHERE d.book_id = b.id) ORDER BY b.demand_score DESC LIMIT $1',
      [BOOKS],
    );
    isbns = rows.map((row) => row.isbn13);
  } finally {
    await pool.end();
  }
  const from = new Date(Date.now() - DAYS * 86_400_000).toISOString();
  let next = 0;
  const history = () => JSON.stringify({ query: HISTORY_QUERY, variables: { isbn: isbns[next++ % isbns.length], from } });
  const typename = () => JSON.stringify({ query: '{ __typename }' });
  const folio = await startServer(
    'src/main.ts',
    {
      DATABASE_URL: options.databaseUrl,
      RUN_WORKER: 'false',
    },
    PORT,
  );
  try {
    const url = `http://127.0.0.1:${PORT}/graphql`;
    await runLoad({ name: 'warm-up', url, concurrency: options.concurrency, durationMs: 3_000, body: history });
    const baseline = await runLoad({
      name: 'Folio `{ __typename }` (baseline)',
      url,
      concurrency: options.concurrency,
      durationMs: options.durationMs,
      body: typename,
    });
    const result = await runLoad({
      name: '`priceHistory`, 2 years of DAY buckets (730 points), lowest across stores',
      url,
      concurrency: options.concurrency,
      durationMs: options.durationMs,
      body: history,
    });
    writeSection(
      'history',
      `## Price history

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineDescription('')}. The ${isbns.length.toLocaleString('en-US')} most popular
books have ${DAYS} days of history (${generated} by \`generatePriceHistory\`, about five stores each); each request asks a
different one of them, ${options.concurrency} in flight for ${options.durationMs / 1000} s. Buckets are read from the daily rollups.

${resultTable([baseline, result], baseline)}

- \`priceHistory\` p95 for two years of DAY buckets: **${result.p95} ms** (target under 20 ms; the brief allows 500 ms).
`,
    );
    console.log(resultTable([baseline, result], baseline));
  } finally {
    await stopServer(folio);
  }
}
