import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { createEventBus, type EventBus } from '../lib/events.js';
import { TokenSigner } from '../lib/tokens.js';
import { PartnerNetwork } from '../partners/network.js';
import { createAccountService } from './accounts/account-service.js';
import { createCatalogService } from './catalog/catalog-service.js';
import { createSearchService } from './catalog/search-service.js';
import { DemandRecorder } from './pricing/demand.js';
import { OfferCache } from './pricing/offer-cache.js';
import { createOfferService } from './pricing/offer-service.js';
import { createRefreshService } from './pricing/refresh-service.js';
import { createStoreService } from './stores/store-service.js';

/** Every use case the API and the jobs call, built once per process over shared resources. */
export function createServices(
  db: Kysely<Database>,
  config: Pick<Config, 'authSecret' | 'AUTH_TOKEN_TTL_SECONDS'> & Partial<Pick<Config, 'OFFER_CACHE'>>,
  shared: { redis: Redis | null; events?: EventBus } = { redis: null },
) {
  const network = new PartnerNetwork(shared.redis);
  const events = shared.events ?? createEventBus(undefined);
  const stores = createStoreService(db, network);
  const catalog = createCatalogService(db);
  const demand = new DemandRecorder(db);
  const offers = createOfferService(db, network, stores, events.pubsub, new OfferCache(db, shared.redis, events.pubsub, config.OFFER_CACHE ?? true));
  return {
    accounts: createAccountService(db, new TokenSigner(config.authSecret, config.AUTH_TOKEN_TTL_SECONDS)),
    catalog,
    search: createSearchService(db),
    stores,
    offers,
    refresh: createRefreshService(db, catalog, offers),
    demand,
    events: events.pubsub,
    close: async () => {
      network.close();
      events.close();
      await demand.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
