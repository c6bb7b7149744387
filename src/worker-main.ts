import { ConfigError, loadConfig } from './config.js';
import { createDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { createEventBus } from './lib/events.js';
import { createLogger } from './lib/logger.js';
import { startConfiguredTracing, stopTracing } from './lib/tracing.js';
import { createRedis, redisTarget } from './lib/redis.js';
import { createServices } from './resolvers/services.js';
import { startWorker } from './worker.js';

/** `folio worker` (`npm run worker`): a worker process on its own, for scaling jobs apart from the API. */
async function main(): Promise<void> {
  const config = loadConfig();
  startConfiguredTracing(config);
  if (!config.DATABASE_URL) throw new ConfigError('Invalid configuration:\n  DATABASE_URL: required to run a worker on its own');
  const logger = createLogger(config.LOG_LEVEL).child({ role: 'worker' });
  const { db, pool } = createDatabase({ connectionString: config.DATABASE_URL, poolSize: config.WORKER_CONCURRENCY + 2 });
  await migrateToLatest(pool);
  const target = redisTarget(config);
  const redis = target ? createRedis(target) : null;
  // A worker answers no searches (no index of its own); the database address lets it plan watched look-ups.
  const services = createServices(
    db,
    { ...config, SEARCH_INDEX: false },
    { redis, databaseUrl: config.DATABASE_URL, events: createEventBus(target, config.REDIS_PREFIX), logger },
  );
  // The store list follows the partner network the jobs call, so no other process has to register it.
  if (config.SIMULATOR_URL) {
    const stores = await services.stores.syncFromNetwork(config.SIMULATOR_URL);
    logger.info({ stores, network: config.SIMULATOR_URL }, 'partner stores registered');
  }
  const worker = await startWorker({
    connectionString: config.DATABASE_URL,
    services,
    logger,
    concurrency: config.WORKER_CONCURRENCY,
    refreshConcurrency: config.REFRESH_CONCURRENCY,
    deadAfterSeconds: config.WORKER_DEAD_AFTER_SECONDS,
  });
  logger.info({ concurrency: config.WORKER_CONCURRENCY }, 'worker started');
  const shutdown = async () => {
    await worker.stop();
    await services.close();
    await redis?.quit().catch(() => redis.disconnect());
    await db.destroy();
    await stopTracing();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
