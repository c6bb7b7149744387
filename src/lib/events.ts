import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { createRedis } from './redis.js';

/** An offer as it travels between processes: JSON-safe, so dates are ISO strings. */
export interface OfferEvent {
  bookId: number;
  storeId: number;
  priceCents: number;
  shippingCents: number;
  currency: string;
  inStock: boolean;
  fetchedAt: string;
  source: 'CRAWL' | 'LIVE' | 'REPORT' | 'VERIFY';
}

export type FolioEvents = {
  offersUpdated: [isbn13: string, offer: OfferEvent];
  /** Offers of these books changed: caches drop their copies. */
  offersChanged: [change: { bookIds: number[] }];
};

export interface EventBus {
  pubsub: PubSub<FolioEvents>;
  close(): void;
}

/**
 * Subscriptions' fan-out: through Redis pub/sub when configured, so an event published by any process
 * (a worker's refresh, another API instance) reaches subscribers on every instance; in-process otherwise.
 */
export function createEventBus(redisUrl: string | undefined): EventBus {
  if (!redisUrl) return { pubsub: createPubSub<FolioEvents>(), close: () => undefined };
  const publishClient = createRedis(redisUrl);
  // Subscriptions must survive reconnects, so this client keeps its offline queue.
  const subscribeClient = new Redis(redisUrl, { retryStrategy: (attempt) => Math.min(attempt * 200, 2_000) });
  subscribeClient.on('error', () => undefined);
  const eventTarget = createRedisEventTarget<CustomEvent>({ publishClient, subscribeClient });
  return {
    pubsub: createPubSub<FolioEvents>({ eventTarget }),
    close: () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
