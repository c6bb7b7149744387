import calculateSlot from 'cluster-key-slot';
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';

/** One Redis node or a Redis Cluster: the commands Folio sends work on both. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: a single node's URL, or a cluster's seed nodes (host:port, comma-separated). */
export interface RedisTarget {
  url?: string;
  clusterNodes?: string[];
}

export function redisTarget(config: { REDIS_URL?: string; REDIS_CLUSTER_NODES?: string[] }): RedisTarget | null {
  if (config.REDIS_CLUSTER_NODES?.length) return { clusterNodes: config.REDIS_CLUSTER_NODES };
  return config.REDIS_URL ? { url: config.REDIS_URL } : null;
}

/**
 * A client that fails fast: with the defaults, ioredis queues commands for a long time while Redis is
 * down, which would stall requests. Here a command fails within about a second and callers fall back
 * (cache miss, local limits); the client keeps reconnecting in the background.
 */
const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 1_000,
  commandTimeout: 1_000,
  retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
};

export function createRedis(target: RedisTarget | string, options: RedisOptions = FAIL_FAST): RedisClient {
  const { url, clusterNodes } = typeof target === 'string' ? { url: target, clusterNodes: undefined } : target;
  const client = clusterNodes?.length ? new Cluster(clusterNodes.map(node), clusterOptions(options)) : new Redis(url!, { lazyConnect: false, ...options });
  client.on('error', () => undefined);
  return client;
}

/** A client for subscriptions: they must survive reconnects, so it keeps its offline queue. */
export function createSubscriber(target: RedisTarget): RedisClient {
  return createRedis(target, { retryStrategy: (attempt) => Math.min(attempt * 200, 2_000) });
}

function node(address: string): { host: string; port: number } {
  const [host, port] = address.split(':');
  return { host: host!, port: Number(port ?? 6379) };
}

function clusterOptions(options: RedisOptions): ClusterOptions {
  return {
    redisOptions: options,
    enableOfflineQueue: options.enableOfflineQueue ?? true,
    clusterRetryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    slotsRefreshTimeout: 2_000,
  };
}

/**
 * Keys grouped so that every multi-key command stays within one hash slot, as a Redis Cluster requires
 * (one group on a single node). Cache keys spread over the cluster instead of sharing a hash tag, so no
 * node holds them all.
 */
export function bySlot(client: RedisClient, keys: readonly string[]): string[][] {
  if (!(client instanceof Cluster)) return keys.length ? [[...keys]] : [];
  const groups = new Map<number, string[]>();
  for (const key of keys) {
    const slot = calculateSlot(key);
    const group = groups.get(slot);
    if (group) group.push(key);
    else groups.set(slot, [key]);
  }
  return [...groups.values()];
}

/** MGET across slots: one MGET per slot, answers in key order. */
export async function getMany(client: RedisClient, keys: readonly string[]): Promise<(string | null)[]> {
  const found = new Map<string, string | null>();
  await Promise.all(
    bySlot(client, keys).map(async (group) => {
      const values = await client.mget(...group);
      group.forEach((key, index) => found.set(key, values[index] ?? null));
    }),
  );
  return keys.map((key) => found.get(key) ?? null);
}

/** DEL across slots. */
export async function deleteMany(client: RedisClient, keys: readonly string[]): Promise<void> {
  await Promise.all(bySlot(client, keys).map((group) => client.del(...group)));
}

/** SET … EX for many keys: one pipeline per slot. */
export async function setMany(client: RedisClient, entries: readonly [key: string, value: string][], ttlSeconds: number): Promise<void> {
  const values = new Map(entries);
  await Promise.all(
    bySlot(client, [...values.keys()]).map((group) => {
      const pipeline = client.pipeline();
      for (const key of group) pipeline.set(key, values.get(key)!, 'EX', ttlSeconds);
      return pipeline.exec();
    }),
  );
}

/** Gives a new client a moment to connect, so the first commands are not refused; never throws. */
export function settled(client: RedisClient, timeoutMs = 1_000): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    client.once('ready', done);
  });
}
