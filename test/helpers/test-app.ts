import pg from 'pg';
import { inject } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { loadCatalog } from '../../src/seed/load-catalog.js';
import { createLogger } from '../../src/lib/logger.js';
import type { StepHook } from '../../src/resolvers/purchases/purchase-service.js';
import type { CheckoutStepHook } from '../../src/resolvers/checkout/checkout-service.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestApp {
  app: App;
  databaseUrl: string;
  /** SQL statements executed since the last reset (only when created with countQueries). */
  statements: string[];
  execute<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** A second Folio instance on the same database and Redis namespace, as in a scaled-out deployment (closed by the caller). */
  anotherInstance(environment?: Record<string, string>): Promise<App>;
  close(): Promise<void>;
}

// Rate limits are off: the suite makes thousands of requests from one address (test/server/rate-limits.test.ts turns them on).
const TEST_ENVIRONMENT = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DB_POOL_SIZE: '10', RATE_LIMITS: 'false' };
export const testConfig = loadConfig(TEST_ENVIRONMENT as NodeJS.ProcessEnv);

/** The real app over a fresh database; requests go through Yoga's fetch, exactly as over HTTP. */
export async function startTestApp(
  options: {
    runWorker?: boolean;
    environment?: Record<string, string>;
    onPurchaseStep?: StepHook;
    onCheckoutStep?: CheckoutStepHook;
    /** A database of the test's own (a server it restarts) instead of a fresh clone of the template. */
    database?: TestDatabase;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(inject('templateDatabase')));
  const statements: string[] = [];
  // Test files share one Redis: each test database gets its own key and channel namespace.
  const config = loadConfig({ ...TEST_ENVIRONMENT, REDIS_PREFIX: database.name, ...options.environment } as NodeJS.ProcessEnv);
  const app = await createApp({
    config,
    databaseUrl: database.url,
    logger: createLogger('silent'),
    runWorker: options.runWorker ?? false,
    onQuery: (sql) => statements.push(sql),
    onPurchaseStep: options.onPurchaseStep,
    onCheckoutStep: options.onCheckoutStep,
  });
  return {
    app,
    databaseUrl: database.url,
    statements,
    async execute(query, variables, token) {
      const response = await app.yoga.fetch('http://folio.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<any>;
    },
    anotherInstance: (environment = {}) =>
      createApp({
        config: loadConfig({ ...TEST_ENVIRONMENT, REDIS_PREFIX: database.name, ...options.environment, ...environment } as NodeJS.ProcessEnv),
        databaseUrl: database.url,
        logger: createLogger('silent'),
        runWorker: false,
      }),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * Loads a generated catalogue into the app's database through a pool of its own, as another process would:
 * the app learns of it from change notices, not as its own write.
 */
export async function loadGeneratedCatalog(t: TestApp, options: { books: number; seed: number }): Promise<void> {
  const pool = new pg.Pool({ connectionString: t.databaseUrl, max: 2 });
  try {
    await loadCatalog(pool, options);
  } finally {
    await pool.end();
  }
}
