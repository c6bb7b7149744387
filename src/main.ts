import { type App, createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createPool } from './db/connect.js';
import { type EmbeddedDatabase, embeddedOptionsFrom, startEmbeddedPostgres } from './db/embedded.js';
import { migrateToLatest } from './db/migrate.js';
import { createLogger } from './lib/logger.js';
import { startConfiguredTracing, stopTracing } from './lib/tracing.js';
import { generatePriceHistory } from './seed/history.js';
import { loadCatalog } from './seed/load-catalog.js';
import { progressReporter } from './seed/progress.js';
import { currentQuotes } from './simulator/admin-client.js';
import { type RunningSimulator, startSimulator } from './simulator/server.js';

let stopping = false;
let onStartFailure: () => Promise<void> | undefined = () => undefined;

/** `npm start`: API, worker and (without DATABASE_URL) an embedded Postgres in one process. */
async function main(): Promise<void> {
  const config = loadConfig();
  startConfiguredTracing(config);
  const logger = createLogger(config.LOG_LEVEL);
  let embedded: EmbeddedDatabase | undefined;
  let app: App | undefined;
  let simulator: RunningSimulator | undefined;

  // Registered first, so Ctrl-C during start-up also stops whatever has started (the database last).
  let since = 0;
  const shutdown = async (signal: string) => {
    // One Ctrl-C reaches npm, tsx and this process, and each passes it on: repeats within a second are the same press.
    if (stopping) return performance.now() - since > 1_000 ? stopAtOnce(embedded) : undefined;
    stopping = true;
    since = performance.now();
    process.stdout.write(`${signal}: stopping Folio (press Ctrl-C again to stop at once) …`);
    await app?.close();
    await simulator?.close();
    await embedded?.stop();
    await stopTracing();
    process.stdout.write(` stopped in ${((performance.now() - since) / 1000).toFixed(1)} s.\n`);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  onStartFailure = () => embedded?.stop('immediate');

  if (!config.DATABASE_URL) {
    console.log('DATABASE_URL is not set: starting an embedded PostgreSQL …');
    embedded = await startEmbeddedPostgres(embeddedOptionsFrom(config));
  }
  const databaseUrl = config.DATABASE_URL ?? embedded!.connectionString;
  const seeded = await seedDemoDataIfEmpty(databaseUrl, config.DEMO_BOOKS);
  if (stopping) return;

  const partnersUrl = config.SIMULATOR_URL ?? (simulator = await startSimulator({ port: config.SIMULATOR_PORT })).url;
  let partners = 0;
  // Jobs left from an earlier run call stores: they must find the network's current addresses.
  const registerStores = async (services: App['services']) => {
    partners = await services.stores.syncFromNetwork(partnersUrl);
  };
  app = await createApp({ config, databaseUrl, logger, runWorker: config.RUN_WORKER, beforeWorker: registerStores });
  console.log(`Partner bookstores: ${partners} stores at ${partnersUrl}${simulator ? ' (simulator, in-process)' : ''}`);
  if (seeded) await addDemoHistory(databaseUrl, partnersUrl);
  const port = await app.http.listen(config.PORT, config.HOST);
  console.log(
    `\nFolio is ready: the shop at http://localhost:${port}/ · GraphiQL at http://localhost:${port}/graphql · health at /health, readiness at /ready\n`,
  );
}

/** Returns whether demo books were generated (the database was empty). */
async function seedDemoDataIfEmpty(databaseUrl: string, books: number): Promise<boolean> {
  if (books === 0) return false;
  const pool = createPool({ connectionString: databaseUrl, poolSize: 3 });
  try {
    await migrateToLatest(pool);
    const { rows } = await pool.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM books) AS present');
    if (rows[0]?.present) return false;
    console.log(`Empty catalogue: generating ${books} demo books …`);
    const progress = progressReporter('Demo books');
    const result = await loadCatalog(pool, { books, curated: true, onProgress: progress.update }).finally(() => progress.stop());
    console.log(`Demo data ready: ${result.books} books, ${result.authors} authors, in ${result.seconds.toFixed(1)} s`);
    return true;
  } finally {
    await pool.end();
  }
}

/**
 * Half a year of daily prices for the 200 most popular demo books, so price history has something to
 * show; each store's line ends at the price the store has now, so the chart runs on into live prices.
 */
async function addDemoHistory(databaseUrl: string, partnersUrl: string): Promise<void> {
  const pool = createPool({ connectionString: databaseUrl, poolSize: 2 });
  try {
    const currentPrices = (isbns: string[]) => currentQuotes(partnersUrl, isbns);
    const { observations } = await generatePriceHistory(pool, { books: 200, days: 180, storesPerBook: 5, currentPrices });
    console.log(`Demo price history: ${observations} observations over 180 days for the 200 most popular books`);
  } finally {
    await pool.end();
  }
}

/** A second Ctrl-C: nothing more is waited for; the database recovers from its log at the next start. */
async function stopAtOnce(embedded: EmbeddedDatabase | undefined): Promise<void> {
  process.stdout.write(' stopping now.\n');
  await embedded?.stop('immediate').catch(() => undefined);
  process.exit(130);
}

main().catch(async (error: unknown) => {
  if (stopping) return; // stopping during start-up: the shutdown reports and exits
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Folio failed to start:', error);
  // The embedded database runs in a session of its own: it must not outlive a start that failed.
  await Promise.resolve(onStartFailure()).catch(() => undefined);
  process.exit(1);
});
