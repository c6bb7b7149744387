import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createPool } from '../db/connect.js';
import { embeddedOptionsFrom, startEmbeddedPostgres } from '../db/embedded.js';
import { migrateToLatest } from '../db/migrate.js';
import { generatePriceHistory } from './history.js';
import { currentQuotes } from '../simulator/admin-client.js';
import { loadCatalog } from './load-catalog.js';
import { progressReporter } from './progress.js';

const USAGE = [
  'Usage: npm run seed -- --books N [--seed S] [--history-books B --history-days D]',
  '  Adds N generated books (with works, authors, publishers and stock) to the catalogue,',
  '  then gives the B most popular books D days of daily price history (needs registered partner stores;',
  "  with SIMULATOR_URL set, each store's history ends at the price that partner network quotes now).",
].join('\n');

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    console.error(`--${name} must be a non-negative integer, got "${value}"\n${USAGE}`);
    process.exit(2);
  }
  return parsed;
}

const { values } = parseArgs({
  options: {
    books: { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean' },
    'history-books': { type: 'string' },
    'history-days': { type: 'string' },
  },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const books = positiveInteger(values.books, 'books', 10_000);
const seed = positiveInteger(values.seed, 'seed', 20261124);
const historyBooks = positiveInteger(values['history-books'], 'history-books', 0);
const historyDays = positiveInteger(values['history-days'], 'history-days', 730);

const config = loadConfig();
const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(embeddedOptionsFrom(config));
const pool = createPool({ connectionString: config.DATABASE_URL ?? embedded!.connectionString, poolSize: 4 });
try {
  await migrateToLatest(pool);
  if (books > 0) {
    const progress = progressReporter('books');
    const result = await loadCatalog(pool, { books, seed, curated: true, onProgress: progress.update });
    progress.stop();
    console.log(
      `Loaded ${result.books} books (${result.works} works, ${result.authors} authors, ${result.publishers} publishers) in ${result.seconds.toFixed(1)} s`,
    );
  }
  if (historyBooks > 0) {
    const started = Date.now();
    const simulatorUrl = config.SIMULATOR_URL;
    const currentPrices = simulatorUrl ? (isbns: string[]) => currentQuotes(simulatorUrl, isbns) : undefined;
    const { observations } = await generatePriceHistory(pool, { books: historyBooks, days: historyDays, storesPerBook: 5, currentPrices });
    console.log(
      `Price history: ${observations} observations for ${historyBooks} books over ${historyDays} days in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
} finally {
  await pool.end();
  await embedded?.stop();
}
