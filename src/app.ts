import { sql } from 'kysely';
import type { Config } from './config.js';
import { createDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { measureQueueDepth } from './lib/metrics.js';
import { RateLimits } from './lib/rate-limits.js';
import { createEventBus } from './lib/events.js';
import type { Logger } from './lib/logger.js';
import { createRedis, redisTarget, settled } from './lib/redis.js';
import { ensureObservationPartitions } from './resolvers/pricing/observation-partitions.js';
import type { StepHook } from './resolvers/purchases/purchase-service.js';
import type { CheckoutStepHook } from './resolvers/checkout/checkout-service.js';
import { createServices } from './resolvers/services.js';
import { loadTrustedDocuments } from './trusted-documents.js';
import { createHttpServer, createYogaServer, type HttpServerHandle, type Yoga } from './server.js';
import { startWorker, type WorkerHandle } from './worker.js';

export interface AppOptions {
  config: Config;
  databaseUrl: string;
  logger: Logger;
  runWorker: boolean;
  onQuery?: (sql: string) => void;
  /** Called between the steps of every purchase (tests stop the process there). */
  onPurchaseStep?: StepHook;
  onCheckoutStep?: CheckoutStepHook;
  /** Runs once the services exist and before the worker takes jobs (registering the partner stores). */
  beforeWorker?: (services: ReturnType<typeof createServices>) => Promise<void>;
}

export interface App {
  yoga: Yoga;
  http: HttpServerHandle;
  services: ReturnType<typeof createServices>;
  db: ReturnType<typeof createDatabase>['db'];
  worker: WorkerHandle | null;
  close(): Promise<void>;
}

/** Wires database, services, GraphQL, HTTP and (optionally) the worker; `close` undoes it in reverse. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  // Statements are seen by the services once they exist (what this process writes, it reads back at once).
  let services: ReturnType<typeof createServices> | undefined;
  const { db, pool } = createDatabase({
    connectionString: options.databaseUrl,
    poolSize: config.DB_POOL_SIZE,
    prepareStatements: config.DB_PREPARE_STATEMENTS,
    onQuery: (statement) => {
      options.onQuery?.(statement);
      services?.noteStatement(statement);
    },
  });
  await migrateToLatest(pool);
  await ensureObservationPartitions(db);
  const target = redisTarget(config);
  const redis = target ? createRedis(target) : null;
  if (redis) await settled(redis);
  services = createServices(db, config, {
    redis,
    databaseUrl: options.databaseUrl,
    events: createEventBus(target, config.REDIS_PREFIX),
    onPurchaseStep: options.onPurchaseStep,
    onCheckoutStep: options.onCheckoutStep,
    logger,
  });
  await options.beforeWorker?.(services);
  const worker = options.runWorker
    ? await startWorker({
        connectionString: options.databaseUrl,
        services,
        logger: logger.child({ role: 'worker' }),
        concurrency: config.WORKER_CONCURRENCY,
        refreshConcurrency: config.REFRESH_CONCURRENCY,
        deadAfterSeconds: config.WORKER_DEAD_AFTER_SECONDS,
      })
    : null;
  measureQueueDepth(async () => {
    const { rows } = await sql<{ task: string; waiting: number }>`
      SELECT t.identifier AS task, count(*)::int AS waiting FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE j.locked_at IS NULL GROUP BY t.identifier`.execute(db);
    return rows;
  });
  const trusted = { documents: loadTrustedDocuments(), only: config.trustedDocumentsOnly };
  const yoga = createYogaServer(services, logger, {
    trusted,
    graphiql: config.GRAPHIQL ?? config.NODE_ENV !== 'production',
    introspection: config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production',
    production: config.NODE_ENV === 'production',
    trustProxy: config.TRUST_PROXY,
    rateLimits: config.RATE_LIMITS ? new RateLimits(redis, config.REDIS_PREFIX, { perMinute: config.RATE_LIMIT_PER_MINUTE }) : null,
  });
  // Searches are answered from the index, so it is read (and stock followed) before the API starts answering (about ten seconds for a million books).
  await services.warmUp();
  const http = createHttpServer(
    yoga,
    [
      { name: 'postgres', check: async () => void (await sql`SELECT 1`.execute(db)) },
      { name: 'search', check: async () => assert(services.search.ready, 'search index still loading') },
      ...(worker ? [{ name: 'worker', check: async () => assert(worker.isRunning(), 'worker stopped') }] : []),
      ...(redis ? [{ name: 'redis', check: async () => assert((await redis.ping()) === 'PONG', 'no PONG') }] : []),
    ],
    {
      connectionsPerAddress: config.WS_CONNECTIONS_PER_ADDRESS,
      subscriptionsPerCaller: config.SUBSCRIPTIONS_PER_CALLER,
      trustProxy: config.TRUST_PROXY,
      trusted,
    },
    logger,
  );

  return {
    yoga,
    http,
    services,
    db,
    worker,
    async close() {
      await http.close();
      await worker?.stop();
      await services.close();
      await redis?.quit().catch(() => redis.disconnect());
      await db.destroy();
    },
  };
}

function assert(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}
