import { parseArgs } from 'node:util';
import { runCatalogBench } from './catalog.js';

const { values } = parseArgs({
  options: {
    books: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '16' },
    reseed: { type: 'boolean', default: false },
  },
});

const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
await runCatalogBench({
  adminUrl,
  database: process.env.BENCH_DATABASE ?? 'folio_bench',
  books: Number(values.books),
  reseed: values.reseed ?? false,
  durationMs: Number(values.duration) * 1000,
  concurrency: Number(values.concurrency),
});
