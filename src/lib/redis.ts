import { Redis } from 'ioredis';

/**
 * A Redis client that fails fast: with the defaults, ioredis queues commands for a long time while
 * Redis is down, which would stall requests. Here a command fails within about a second and callers
 * fall back (cache miss, local limits); the client keeps reconnecting in the background.
 */
export function createRedis(url: string): Redis {
  const client = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    commandTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  client.on('error', () => undefined);
  return client;
}

/** Gives a new client a moment to connect, so the first commands are not refused; never throws. */
export function settled(client: Redis, timeoutMs = 1_000): Promise<void> {
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
