import os from 'node:os';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { runCatalogBench } from './catalog.js';

const { values } = parseArgs({
  options: {
    books: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
    reseed: { type: 'boolean', default: false },
  },
});

// Benchmarks run against a PostgreSQL of their own, set up as for a dedicated machine (see
// tunedSettings), so results do not depend on how the host's server happens to be configured.
// BENCH_ADMIN_URL points them at another server instead.
const embedded = process.env.BENCH_ADMIN_URL
  ? undefined
  : await startEmbeddedPostgres({
      dataDir: '.data/bench-postgres',
      port: 54339,
      sharedBuffersMb: Math.min(4096, Math.round(os.totalmem() / 2 ** 20 / 4)),
    });
try {
  await runCatalogBench({
    adminUrl: process.env.BENCH_ADMIN_URL ?? embedded!.adminUrl,
    database: process.env.BENCH_DATABASE ?? 'folio_bench',
    books: Number(values.books),
    reseed: values.reseed ?? false,
    durationMs: Number(values.duration) * 1000,
    concurrency: Number(values.concurrency),
    rounds: Number(values.rounds),
  });
} finally {
  await embedded?.stop();
}
