import os from 'node:os';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { runAlertBench } from './alerts.js';
import { databaseUrl, prepareDatabase, runCatalogBench } from './catalog.js';
import { runFreshnessBench, type Schedule } from './freshness.js';
import { runHistoryBench } from './history.js';
import { runMixedBench } from './mixed.js';
import { runOffersBench } from './offers.js';
import { runProfileBench } from './profile.js';
import { runPurchaseBench } from './purchases.js';
import { runRefreshBench } from './refresh.js';
import { runShopBench } from './shop.js';
import { runWebBench } from './web.js';

const { values } = parseArgs({
  options: {
    books: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    reseed: { type: 'boolean', default: false },
    only: { type: 'string' },
    stores: { type: 'string', default: '200' },
    'refresh-seconds': { type: 'string', default: '600' },
    'refresh-concurrency': { type: 'string', default: '300' },
    'page-loads': { type: 'string', default: '20' },
    /** Minutes measured per freshness run, and the scales (watched books:alerts, comma-separated). */
    'freshness-minutes': { type: 'string', default: '20' },
    'freshness-scales': { type: 'string', default: '10000:20000,50000:100000' },
    /** Only these freshness runs (watched, baseline; comma-separated), and the planner's look-up cap. */
    'freshness-schedules': { type: 'string' },
    'watch-lookups': { type: 'string' },
    /** For `--only profile`: which state of the code the CPU profiles describe (a section each). */
    label: { type: 'string', default: 'after' },
  },
});

const BENCH_DATA_DIR = '.data/bench-postgres';

// Benchmarks run against a PostgreSQL of their own, set up as for a dedicated machine (see
// tunedSettings), so results do not depend on how the host's server happens to be configured.
// BENCH_ADMIN_URL points them at another server instead.
const embedded = process.env.BENCH_ADMIN_URL
  ? undefined
  : await startEmbeddedPostgres({
      dataDir: BENCH_DATA_DIR,
      port: 54339,
      sharedBuffersMb: Math.min(4096, Math.round(os.totalmem() / 2 ** 20 / 4)),
    });
const database = {
  adminUrl: process.env.BENCH_ADMIN_URL ?? embedded!.adminUrl,
  database: process.env.BENCH_DATABASE ?? 'folio_bench',
  books: Number(values.books),
  reseed: values.reseed ?? false,
};
try {
  if (!values.only || values.only === 'catalog') {
    await runCatalogBench({
      ...database,
      durationMs: Number(values.duration) * 1000,
      concurrency: Number(values.concurrency),
      rounds: Number(values.rounds),
      // An outside PostgreSQL (BENCH_ADMIN_URL) is not told apart from other processes.
      postgresDataDir: process.env.BENCH_ADMIN_URL ? '\0none' : BENCH_DATA_DIR,
    });
  }
  // Profiles are taken on request only: profiling slows the server, so they never share a run with figures.
  if (values.only === 'profile') {
    await runProfileBench({
      ...database,
      durationMs: Number(values.duration) * 1000,
      concurrency: Number(values.concurrency),
      label: String(values.label),
    });
  }
  if (values.only && values.only !== 'catalog') await prepareDatabase(database);
  if (!values.only || values.only === 'offers') {
    await runOffersBench({
      databaseUrl: databaseUrl(database.adminUrl, database.database),
      stores: Number(values.stores),
      durationMs: Number(values.duration) * 1000,
      concurrency: Number(values.concurrency),
    });
  }
  if (!values.only || values.only === 'history') {
    await runHistoryBench({
      databaseUrl: databaseUrl(database.adminUrl, database.database),
      durationMs: Number(values.duration) * 1000,
      concurrency: Number(values.concurrency),
    });
  }
  if (!values.only || values.only === 'alerts') {
    await runAlertBench({ databaseUrl: databaseUrl(database.adminUrl, database.database), stores: Number(values.stores) });
  }
  if (!values.only || values.only === 'shop') {
    await runShopBench({
      databaseUrl: databaseUrl(database.adminUrl, database.database),
      stores: Number(values.stores),
      durationMs: Number(values.duration) * 1000,
      concurrency: Number(values.concurrency),
      postgresDataDir: process.env.BENCH_ADMIN_URL ? '\0none' : BENCH_DATA_DIR,
    });
  }
  if (!values.only || values.only === 'mixed') {
    await runMixedBench({
      databaseUrl: databaseUrl(database.adminUrl, database.database),
      stores: Number(values.stores),
      durationMs: Number(values.duration) * 1000 * 2,
      concurrency: Number(values.concurrency),
    });
  }
  if (!values.only || values.only === 'purchases') {
    await runPurchaseBench({
      databaseUrl: databaseUrl(database.adminUrl, database.database),
      stores: Number(values.stores),
      durationMs: Number(values.duration) * 1000 * 2,
    });
  }
  if (!values.only || values.only === 'web') {
    await runWebBench({ databaseUrl: databaseUrl(database.adminUrl, database.database), stores: Number(values.stores), loads: Number(values['page-loads']) });
  }
  if (!values.only || values.only === 'refresh') {
    await runRefreshBench({
      databaseUrl: databaseUrl(database.adminUrl, database.database),
      stores: Number(values.stores),
      durationMs: Number(values['refresh-seconds']) * 1000,
      concurrency: Number(values['refresh-concurrency']),
    });
  }
  if (!values.only || values.only === 'freshness') {
    await runFreshnessBench({
      databaseUrl: databaseUrl(database.adminUrl, database.database),
      stores: Number(values.stores),
      durationMs: Number(values['freshness-minutes']) * 60_000,
      scales: String(values['freshness-scales'])
        .split(',')
        .map((scale) => {
          const [books, alerts] = scale.split(':').map(Number);
          return { books: books!, alerts: alerts! };
        }),
      schedules: values['freshness-schedules']?.split(',') as Schedule[] | undefined,
      watchLookupsPerSecond: values['watch-lookups'] ? Number(values['watch-lookups']) : undefined,
    });
  }
} finally {
  await embedded?.stop();
}
