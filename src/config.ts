import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const postgresUrl = z
  .string()
  .url()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgres:// or postgresql://');
const redisUrl = z
  .string()
  .url()
  .refine((value) => /^rediss?:\/\//.test(value), 'must start with redis:// or rediss://');
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: postgresUrl.optional(),
  REDIS_URL: redisUrl.optional(),
  /** A Redis Cluster instead of one node: its seed nodes as host:port, comma-separated (takes the place of REDIS_URL). */
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(/^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/, 'host:port pairs, comma-separated')
    .transform((list) => list.split(','))
    .optional(),
  SIMULATOR_PORT: port.default(4010),
  SIMULATOR_URL: z.string().url().optional(),
  /** Signs access tokens. Required in production; development uses a fixed, clearly-unsafe default. */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600),
  /** Accounts with these e-mails (comma-separated) are administrators: they reach operational mutations. */
  ADMIN_EMAILS: z
    .string()
    .default('')
    .transform(
      (list) =>
        new Set(
          list
            .split(',')
            .map((email) => email.trim().toLowerCase())
            .filter(Boolean),
        ),
    ),
  /** OpenTelemetry collector (OTLP over HTTP, e.g. http://collector:4318): each API operation is traced there. Unset: no tracing. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_SERVICE_NAME: z.string().default('folio'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the embedded Postgres keeps its files when DATABASE_URL is unset. */
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_PG_PORT: port.default(54329),
  /** Books generated into an empty database at start-up. 0 skips demo data. */
  DEMO_BOOKS: z.coerce.number().int().min(0).max(2_000_000).default(50_000),
  /** Run graphile-worker inside the API process (set false when workers run separately). */
  RUN_WORKER: flag.default(true),
  /** Schema introspection and the GraphiQL page; default on, except in production. */
  GRAPHQL_INTROSPECTION: flag.optional(),
  GRAPHIQL: flag.optional(),
  /** A worker silent this long is taken for dead: the jobs it had locked are unlocked for others (graphile-worker alone waits 4 hours). */
  WORKER_DEAD_AFTER_SECONDS: z.coerce.number().min(1).max(86_400).default(120),
  /** Request budgets per user or IP (off only for load tests and the test suite, which make thousands of requests from one address). */
  RATE_LIMITS: flag.default(true),
  /** Behind one reverse proxy: a guest's address is the last X-Forwarded-For entry (the one our proxy added), not the proxy's. */
  TRUST_PROXY: flag.default(false),
  /** Operations per minute for one user, or one IP address when signed out (stricter buckets apply to sign-in, buying and reports). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Open WebSockets from one address at once; more are refused with 429 (behind NAT many shoppers share one). */
  WS_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(100),
  /** Subscriptions one user (or one address, signed out) keeps open at once, across its sockets. */
  SUBSCRIPTIONS_PER_CALLER: z.coerce.number().int().min(1).max(100_000).default(100),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
  /** Books whose prices are being refreshed at once per worker process (each waits on up to 200 stores). */
  REFRESH_CONCURRENCY: z.coerce.number().int().min(0).max(5000).default(300),
  /** Off: what shoppers watch gets no freshness objective, only the demand tiers (to measure what the planner adds). */
  WATCH_PLANNER: flag.default(true),
  /** Watched (book, store) offers are checked at least this often while the stores' budgets allow. */
  WATCH_OBJECTIVE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
  /** No watched (book, store) offer goes unchecked longer than this (the oldest are asked first as they near it). */
  WATCH_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(7 * 86_400)
    .default(3_600),
  /** Look-ups per second the planner hands out across all stores at most (bounds the CPU it costs Folio). */
  WATCH_LOOKUPS_PER_SECOND: z.coerce.number().int().min(1).max(1_000_000).default(1_500),
  /** How often the watched set is rebuilt from alerts and carts. */
  WATCH_RELOAD_SECONDS: z.coerce.number().min(0.1).max(3_600).default(15),
  /** Purchases (bought or running) one user may make per window. */
  PURCHASE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(20),
  PURCHASE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 86_400)
    .default(3600),
  /** Days an untouched cart is kept before it expires. */
  CART_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How long each process serves a page of a deal list from memory. */
  DEALS_CACHE_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
  /** Seconds between the steps of a first-party shipment (processing, packing, shipping, delivery), and between polls of a partner's order. */
  FULFILMENT_STEP_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
  /** How long checkout holds first-party stock. */
  RESERVATION_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  /** Price reports one shopper may send per hour. */
  REPORT_LIMIT: z.coerce.number().int().min(1).max(10_000).default(30),
  /** purchaseBook asks live for offers older than this. */
  PURCHASE_FRESHNESS_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** Namespace of every Redis key and channel, so deployments (or test databases) sharing a Redis never mix. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, dot, dash or underscore (at most 64)')
    .default('folio'),
  /** SMTP server for alert e-mails (smtp://user:pass@host:port); unset: e-mails are written to the log. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Folio <alerts@folio.local>'),
  /** First pause before retrying a failed webhook or e-mail; doubled for each attempt after (five attempts in all). */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(2_000),
  /** Callers without a token may run only the web app's own operations (persisted at build time). Default: on in production. */
  TRUSTED_DOCUMENTS_ONLY: flag.optional(),
  /** Webhook URLs on this host or private networks: refused in production unless set true; allowed elsewhere unless set false. */
  WEBHOOK_ALLOW_PRIVATE: flag.optional(),
  /** Off: offers are read from Postgres every time (to measure what the cache saves; leave on otherwise). */
  OFFER_CACHE: flag.default(true),
  /** Off: searches are answered by PostgreSQL alone instead of the in-process index (to compare the two). */
  SEARCH_INDEX: flag.default(true),
  /**
   * How often the search index takes in book changes (a search engine's refresh interval): a search sees every change
   * committed more than two intervals before it, and the process's own changes at once.
   */
  SEARCH_REFRESH_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** Keep the statements the API repeats prepared on its connections (off behind a transaction-mode pooler). */
  DB_PREPARE_STATEMENTS: flag.default(true),
});

export type Config = z.infer<typeof environmentSchema> & { authSecret: string; webhooksMayReachPrivate: boolean; trustedDocumentsOnly: boolean };

/** Every variable Folio reads (.env.example lists each; a test keeps the two in step). */
export const CONFIG_VARIABLES = Object.keys(environmentSchema.shape);

const DEVELOPMENT_SECRET = 'folio-development-secret-do-not-use-in-production';

export class ConfigError extends Error {}

/** Reads the environment once; every problem is reported in one message naming the variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.NODE_ENV === 'production' && !config.AUTH_SECRET) {
    throw new ConfigError('Invalid configuration:\n  AUTH_SECRET: required when NODE_ENV=production');
  }
  return {
    ...config,
    authSecret: config.AUTH_SECRET ?? DEVELOPMENT_SECRET,
    webhooksMayReachPrivate: config.WEBHOOK_ALLOW_PRIVATE ?? config.NODE_ENV !== 'production',
    trustedDocumentsOnly: config.TRUSTED_DOCUMENTS_ONLY ?? config.NODE_ENV === 'production',
  };
}
