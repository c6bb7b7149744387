import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { OfferSource } from '../db/database.js';
import { createRedis, createSubscriber, type RedisClient, type RedisTarget } from './redis.js';

/** An offer as it travels between processes (events, the Redis cache): JSON-safe, so dates are ISO strings. */
export interface OfferEvent {
  bookId: number;
  storeId: number;
  priceCents: number;
  shippingCents: number;
  currency: string;
  inStock: boolean;
  fetchedAt: string;
  source: OfferSource;
}

export type FolioEvents = {
  offersUpdated: [isbn13: string, offer: OfferEvent];
  /** An alert of this user fired (the priceDropped subscription). */
  priceDropped: [userId: string, event: import('../resolvers/alerts/alert-evaluation.js').PriceDropEvent];
  /** An order (or one of its shipments) moved on. */
  orderStatusChanged: [orderId: string, change: { orderId: number; status: string; at: string }];
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
export function createEventBus(target: RedisTarget | null | undefined, prefix: string): EventBus {
  if (!target) return { pubsub: createPubSub<FolioEvents>(), close: () => undefined };
  const publishClient = createRedis(target);
  // Subscriptions must survive reconnects, so this client keeps its offline queue. In a cluster,
  // messages published on any node reach subscribers on every node.
  const subscribeClient = createSubscriber(target);
  const eventTarget = createRedisEventTarget<CustomEvent>({
    publishClient: quiet(publishClient, `${prefix}:`),
    subscribeClient: quiet(subscribeClient, `${prefix}:`, inTurnOnceReady(subscribeClient)),
  });
  return {
    pubsub: createPubSub<FolioEvents>({ eventTarget }),
    // quit, not disconnect: pending SUBSCRIBE/PUBLISH replies arrive first instead of rejecting unhandled.
    close: () => {
      publishClient.quit().catch(() => publishClient.disconnect());
      subscribeClient.quit().catch(() => subscribeClient.disconnect());
    },
  };
}

/**
 * Channels get the deployment's prefix (stripped again on the way in). The event target fires Redis
 * commands without awaiting them; while Redis is down or the client is
 * closing they reject, and an unhandled rejection would end the process. An event that cannot be
 * published is lost like any pub/sub message; subscriptions are re-established on reconnect.
 */
function quiet(client: RedisClient, prefix: string, inTurn: <T>(command: () => Promise<T>) => Promise<T | 0> = (command) => command()): Redis {
  const ignore = () => 0;
  const named = (channels: string[]) => channels.map((channel) => prefix + channel);
  return {
    on: (event: string, listener: (...args: unknown[]) => void) =>
      client.on(
        event,
        event === 'message' ? (channel: string, message: string) => channel.startsWith(prefix) && listener(channel.slice(prefix.length), message) : listener,
      ),
    publish: (channel: string, message: string) => client.publish(prefix + channel, message).catch(ignore),
    subscribe: (...channels: string[]) => inTurn(() => client.subscribe(...named(channels))).catch(ignore),
    unsubscribe: (...channels: string[]) => inTurn(() => client.unsubscribe(...named(channels))).catch(ignore),
  } as unknown as Redis;
}

/**
 * Runs a subscriber client's (un)subscribes one after another, once it is ready. Issued while it was
 * still connecting (at start or after a reconnect), a second SUBSCRIBE could be refused ("Connection in
 * subscriber mode") and the instance then heard nothing on that channel, nor on others.
 */
function inTurnOnceReady(client: RedisClient): <T>(command: () => Promise<T>) => Promise<T | 0> {
  const ready = () => (client.status === 'ready' ? Promise.resolve() : new Promise((resolve) => client.once('ready', resolve)));
  let previous: Promise<unknown> = Promise.resolve();
  return (command) => {
    const next = previous
      .then(ready)
      .then(command)
      .catch(() => 0 as const);
    previous = next;
    return next;
  };
}
