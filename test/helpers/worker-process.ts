import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/db/connect.js';
import { createLogger } from '../../src/lib/logger.js';
import { createServices } from '../../src/resolvers/services.js';
import { startWorker } from '../../src/worker.js';

/** A worker process on the given database, run until it is killed (the history test kills it at random). */
const [databaseUrl, stepSeconds, deadAfterSeconds] = process.argv.slice(2);
const { db } = createDatabase({ connectionString: databaseUrl!, poolSize: 4 });
const config = loadConfig({ NODE_ENV: 'test', FULFILMENT_STEP_SECONDS: stepSeconds ?? '0', WEBHOOK_RETRY_BASE_MS: '100' } as NodeJS.ProcessEnv);
const services = createServices(db, config, { redis: null });
await startWorker({
  connectionString: databaseUrl!,
  services,
  logger: createLogger('silent'),
  concurrency: 4,
  refreshConcurrency: 0,
  deadAfterSeconds: Number(deadAfterSeconds ?? 1),
});
console.log('worker running');
