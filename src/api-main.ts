import { createApp, type App } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './lib/logger.js';
import { startConfiguredTracing, stopTracing } from './lib/tracing.js';

/**
 * `folio api`: one API node and nothing else. It never seeds, starts no simulator and runs no jobs (that
 * is `folio worker`); run as many as the traffic needs behind a load balancer, with REDIS_URL so that
 * subscriptions, caches and rate limits are shared between them.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  startConfiguredTracing(config);
  if (!config.DATABASE_URL) throw new ConfigError('Invalid configuration:\n  DATABASE_URL: required to run an API node on its own');
  const logger = createLogger(config.LOG_LEVEL).child({ role: 'api' });
  let app: App | undefined;
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await app?.close();
    await stopTracing();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  app = await createApp({ config, databaseUrl: config.DATABASE_URL, logger, runWorker: false });
  const port = await app.http.listen(config.PORT, config.HOST);
  logger.info({ port }, 'API node listening');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
