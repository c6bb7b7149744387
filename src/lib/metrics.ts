import client from 'prom-client';

/**
 * Prometheus series at /metrics. Labels are bounded by the schema and the store registry (root field
 * names, task names, store slugs), never by what clients send.
 */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'folio_' });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const graphqlDuration = new client.Histogram({
  name: 'folio_graphql_operation_duration_seconds',
  help: 'GraphQL operations executed, by type, first root field and outcome',
  labelNames: ['type', 'operation', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const jobDuration = new client.Histogram({
  name: 'folio_job_duration_seconds',
  help: 'Jobs run by the worker, by task and outcome (a failure is retried by graphile-worker)',
  labelNames: ['task', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const partnerCalls = new client.Histogram({
  name: 'folio_partner_call_duration_seconds',
  help: 'Calls to partner stores, by store and outcome (ok, or the failure kind)',
  labelNames: ['store', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const offerCacheLookups = new client.Counter({
  name: 'folio_offer_cache_lookups_total',
  help: 'Books whose offers were found in each tier: local (in-process LRU), shared (Redis) or database',
  labelNames: ['tier'] as const,
  registers: [registry],
});

/** Set by the app: counts waiting jobs per task when Prometheus scrapes. */
let queueDepthSource: (() => Promise<{ task: string; waiting: number }[]>) | null = null;

export function measureQueueDepth(source: () => Promise<{ task: string; waiting: number }[]>): void {
  queueDepthSource = source;
}

new client.Gauge({
  name: 'folio_job_queue_depth',
  help: 'Jobs waiting to run (due or scheduled), by task',
  labelNames: ['task'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const { task, waiting } of (await queueDepthSource?.().catch(() => [])) ?? []) this.set({ task }, waiting);
  },
});

export const purchaseSteps = new client.Histogram({
  name: 'folio_purchase_step_duration_seconds',
  help: 'Time compare-and-buy requests spent in each step (COMPARING, CONFIRMING, AUTHORIZING, ORDERING, CAPTURING, RECORDING)',
  labelNames: ['step'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

const AGE_BUCKETS = [15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200];

export const watchedPairAge = new client.Histogram({
  name: 'folio_watched_pair_age_seconds',
  help: 'Age of a watched (book, store) offer when it was checked again (the freshness objective is 120 s, the bound 3600 s)',
  buckets: AGE_BUCKETS,
  registers: [registry],
});

export const watchedPairs = new client.Gauge({
  name: 'folio_watched_pairs',
  help: 'Watched (book, store) offers the planner keeps fresh, by state: all, within the objective, past the bound',
  labelNames: ['state'] as const,
  registers: [registry],
});

export const watchedPairOldest = new client.Gauge({
  name: 'folio_watched_pair_oldest_seconds',
  help: 'Age of the stalest watched (book, store) offer',
  registers: [registry],
});

export const searchIndexReadSeconds = new client.Gauge({
  name: 'folio_search_index_read_seconds',
  help: 'How long the last whole read of the catalogue into the search index took (at start-up, or after a lost connection)',
  registers: [registry],
});

export const searchResultLookups = new client.Counter({
  name: 'folio_search_result_lookups_total',
  help: 'Search result pages and counts asked for, by whether they were cached (kept) or computed (computed)',
  labelNames: ['part', 'outcome'] as const,
  registers: [registry],
});

export const stockKeptWholeBooks = new client.Gauge({
  name: 'folio_stock_kept_whole_books',
  help: 'Book ids covered by the stock every book page reads from memory (0 while it is being read again, or not kept)',
  registers: [registry],
});

export const searchIndexBooks = new client.Gauge({
  name: 'folio_search_index_books',
  help: 'Books in the search index after its last whole read',
  registers: [registry],
});
