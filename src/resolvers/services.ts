import type { RedisClient } from '../lib/redis.js';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { createEventBus, type EventBus } from '../lib/events.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { createMailer } from '../lib/mailer.js';
import { TokenSigner } from '../lib/tokens.js';
import { PartnerNetwork } from '../partners/network.js';
import { createPaymentRecords } from '../payments/payment-records.js';
import { TestPaymentProvider } from '../payments/test-provider.js';
import { ChangeListener } from '../db/change-listener.js';
import { SearchIndexFeed } from '../search/index-feed.js';
import { createIndexSearch } from '../search/index-search.js';
import { createAccountService } from './accounts/account-service.js';
import { createAddressBook } from './accounts/address-book.js';
import { createAlertService } from './alerts/alert-service.js';
import { createAutoBuy } from './alerts/auto-buy.js';
import { CartCache } from './carts/cart-cache.js';
import { createCartService } from './carts/cart-service.js';
import { createBookDiscovery } from './catalog/book-discovery.js';
import { createCatalogService } from './catalog/catalog-service.js';
import { createSearchService } from './catalog/search-service.js';
import { type CheckoutStepHook, createCheckoutService } from './checkout/checkout-service.js';
import { createInventoryService } from './inventory/inventory-service.js';
import { createFulfilment, type FulfilmentHook } from './orders/fulfilment.js';
import { createOrderService } from './orders/order-repository.js';
import { createLateOrderCanceller } from './orders/partner-orders.js';
import { createSettlement } from './orders/settlement.js';
import { DemandRecorder } from './pricing/demand.js';
import { OfferCache } from './pricing/offer-cache.js';
import { createOfferService } from './pricing/offer-service.js';
import { createDeals } from './pricing/deals.js';
import { createOwnOffers } from './pricing/own-offers.js';
import { createPriceHistory } from './pricing/price-history.js';
import { createRefreshService } from './pricing/refresh-service.js';
import { watchSettings, WatchPlanner } from './pricing/watch/watch-planner.js';
import { createPurchaseService, type StepHook } from './purchases/purchase-service.js';
import { createReportService } from './reports/report-service.js';
import { createStoreService } from './stores/store-service.js';
import { createUpkeep } from './upkeep.js';

/** What the composition root shares with every module: connections and, in tests, step hooks. */
export interface SharedResources {
  redis: RedisClient | null;
  events?: EventBus;
  /** Set in processes that keep a search index or plan look-ups (both follow the database over LISTEN). */
  databaseUrl?: string;
  onPurchaseStep?: StepHook;
  onCheckoutStep?: CheckoutStepHook;
  onFulfilmentStep?: FulfilmentHook;
  logger?: Logger;
}

/**
 * Every use case the API and the jobs call, built once per process: each module is a plain function of
 * the few things it needs, wired here and nowhere else. Settings come from `config` (their defaults
 * live in config.ts).
 */
export function createServices(db: Kysely<Database>, config: Config, shared: SharedResources = { redis: null }) {
  const network = new PartnerNetwork(shared.redis, config.REDIS_PREFIX);
  const events = shared.events ?? createEventBus(undefined, config.REDIS_PREFIX);
  const stores = createStoreService(db, network);
  // One LISTEN connection follows the database for this process's in-memory views (search index, stock).
  const changes = shared.databaseUrl ? new ChangeListener(db, shared.databaseUrl, shared.logger) : null;
  const catalog = createCatalogService(db, changes, shared.logger);
  const demand = new DemandRecorder(db);
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM, shared.logger ?? createLogger('silent'));
  const offers = createOfferService(
    db,
    network,
    stores,
    events.pubsub,
    new OfferCache(db, shared.redis, events.pubsub, config.OFFER_CACHE, config.REDIS_PREFIX),
  );
  // Only processes that answer searches keep the index (a worker never reads it), and only when asked to.
  const searchFeed = changes && config.SEARCH_INDEX ? new SearchIndexFeed(db, changes, config.SEARCH_REFRESH_MS, shared.logger) : null;
  const indexSearch = searchFeed && createIndexSearch(searchFeed, catalog);
  const discovery = createBookDiscovery({ db, catalog, offers, stores, network, index: indexSearch, logger: shared.logger });
  const payments = new TestPaymentProvider(db);
  const alerts = createAlertService(db, discovery, offers, events.pubsub, {
    retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
    mailer,
    webhooksMayReachPrivate: config.webhooksMayReachPrivate,
  });
  const addressBook = createAddressBook(db);
  const purchases = createPurchaseService({
    db,
    catalog,
    discovery,
    offers,
    stores,
    network,
    payments,
    alerts,
    addressBook,
    onStep: shared.onPurchaseStep,
    settings: { limit: config.PURCHASE_LIMIT, windowSeconds: config.PURCHASE_WINDOW_SECONDS, freshnessSeconds: config.PURCHASE_FRESHNESS_SECONDS },
  });
  const cartCache = new CartCache(shared.redis, config.REDIS_PREFIX);
  const carts = createCartService({ db, catalog, discovery, stores, offers, cache: cartCache, settings: { ttlDays: config.CART_TTL_DAYS } });
  // Processes that refresh prices start it; one of them (per database) plans at a time.
  const watch =
    shared.databaseUrl && config.WATCH_PLANNER
      ? new WatchPlanner({ db, databaseUrl: shared.databaseUrl, network, stores, offers, logger: shared.logger }, watchSettings(config))
      : null;
  return {
    accounts: createAccountService(db, new TokenSigner(config.authSecret, config.AUTH_TOKEN_TTL_SECONDS), config.ADMIN_EMAILS),
    addressBook,
    catalog,
    discovery,
    search: createSearchService(db, indexSearch),
    /** Reads the search index (if this process keeps one) and follows stock; the API awaits it before it answers. */
    warmUp: async () => {
      await changes?.start();
      // A search's author facet names its authors and a book page its publisher and stock: with the index (which
      // holds every book's row), every name and every book's stock are kept too, read beside it.
      await Promise.all([searchFeed?.ready(), searchFeed && catalog.keepEveryName(), searchFeed && catalog.keepEveryStock()]);
    },
    /** The API calls this after a mutation that wrote followed data: this process's next readers of it see what it changed. */
    wroteCatalogue: () => changes?.wrote(),
    /** Writes to followed data counted so far (see noteStatement). */
    catalogueWrites: () => changes?.writeCount ?? 0,
    /** Every statement run through this process's pool (writes to followed tables are its own writes). */
    noteStatement: (statement: string) => changes?.noteStatement(statement),
    stores,
    offers,
    ownOffers: createOwnOffers({ catalog, stores }),
    refresh: createRefreshService(db, catalog, offers),
    watch,
    watchObjectiveSeconds: config.WATCH_OBJECTIVE_SECONDS,
    demand,
    purchases,
    alerts,
    inventory: createInventoryService(db),
    carts,
    checkout: createCheckoutService({
      db,
      catalog,
      stores,
      offers,
      carts,
      cartCache,
      network,
      payments,
      addressBook,
      onStep: shared.onCheckoutStep,
      settings: { reservationTtlSeconds: config.RESERVATION_TTL_SECONDS },
    }),
    reports: createReportService({ db, catalog, stores, offers, alerts, settings: { limitPerHour: config.REPORT_LIMIT } }),
    orders: createOrderService(db),
    fulfilment: createFulfilment({
      db,
      network,
      stores,
      records: createPaymentRecords(db, payments),
      events: events.pubsub,
      stepSeconds: config.FULFILMENT_STEP_SECONDS,
      onStep: shared.onFulfilmentStep,
    }),
    priceHistory: createPriceHistory(db),
    deals: createDeals({ db, catalog, cacheSeconds: config.DEALS_CACHE_SECONDS }),
    ...createSettlement({ db, payments, network, stores }),
    ...createUpkeep(db, config),
    autoBuy: createAutoBuy({ db, catalog, purchases }),
    cancelLateOrder: createLateOrderCanceller({ network, stores }),
    events: events.pubsub,
    close: async () => {
      network.close();
      events.close();
      await watch?.stop();
      await demand.close();
      await searchFeed?.close();
      catalog.close();
      await changes?.close();
      mailer.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;

declare module '../jobs/kit.js' {
  /** Tasks see the services built here. */

  interface JobServices extends Services {}
}
