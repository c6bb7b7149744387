import type { Redis } from 'ioredis';
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
import { recoverDeadWorkers } from '../worker-heartbeats.js';
import { createAccountService } from './accounts/account-service.js';
import { createAddressBook } from './accounts/address-book.js';
import { createAlertService } from './alerts/alert-service.js';
import { CartCache } from './carts/cart-cache.js';
import { createCartService } from './carts/cart-service.js';
import { type CheckoutStepHook, createCheckoutService } from './checkout/checkout-service.js';
import { checkoutSettler } from './checkout/settle.js';
import { runAutoBuy } from './alerts/auto-buy.js';
import { createBookDiscovery } from './catalog/book-discovery.js';
import { createCatalogService } from './catalog/catalog-service.js';
import { createSearchService } from './catalog/search-service.js';
import { SearchIndexFeed } from '../search/index-feed.js';
import { createIndexSearch } from '../search/index-search.js';
import { createInventoryService } from './inventory/inventory-service.js';
import { createFulfilment, type FulfilmentHook } from './orders/fulfilment.js';
import { createOrderService } from './orders/order-repository.js';
import { createReportService } from './reports/report-service.js';
import { DemandRecorder } from './pricing/demand.js';
import { ensureObservationPartitions } from './pricing/observation-partitions.js';
import { OfferCache } from './pricing/offer-cache.js';
import { type Granularity, priceHistoryPoints, priceSummary } from './pricing/price-history.js';
import { createOfferService } from './pricing/offer-service.js';
import { createRefreshService } from './pricing/refresh-service.js';
import { DEFAULT_WATCH_SETTINGS, WatchPlanner } from './pricing/watch/watch-planner.js';
import { sweepExpiredKeys } from '../lib/idempotency.js';
import { cancelPartnerOrder } from './orders/partner-orders.js';
import { createPurchaseService, type StepHook } from './purchases/purchase-service.js';
import { purchaseSettler } from './purchases/reconcile.js';
import { settleInterrupted } from '../orders/saga.js';
import { createStoreService } from './stores/store-service.js';

/** Every use case the API and the jobs call, built once per process over shared resources. */
export function createServices(
  db: Kysely<Database>,
  config: Pick<Config, 'authSecret' | 'AUTH_TOKEN_TTL_SECONDS'> &
    Partial<Pick<Config, 'ADMIN_EMAILS'>> &
    Partial<Pick<Config, 'WATCH_PLANNER' | 'WATCH_OBJECTIVE_SECONDS' | 'WATCH_LOOKUPS_PER_SECOND' | 'WATCH_MAX_AGE_SECONDS' | 'WATCH_RELOAD_SECONDS' | 'OFFER_CACHE' | 'SEARCH_INDEX' | 'PURCHASE_LIMIT' | 'REPORT_LIMIT' | 'WORKER_DEAD_AFTER_SECONDS' | 'FULFILMENT_STEP_SECONDS' | 'CART_TTL_DAYS' | 'RESERVATION_TTL_SECONDS' | 'PURCHASE_WINDOW_SECONDS' | 'PURCHASE_FRESHNESS_SECONDS' | 'REDIS_PREFIX' | 'WEBHOOK_RETRY_BASE_MS' | 'SMTP_URL' | 'MAIL_FROM'>>,
  shared: { redis: Redis | null; events?: EventBus; databaseUrl?: string; onPurchaseStep?: StepHook; onCheckoutStep?: CheckoutStepHook; onFulfilmentStep?: FulfilmentHook; logger?: Logger } = { redis: null },
) {
  const redisPrefix = config.REDIS_PREFIX ?? 'folio';
  const network = new PartnerNetwork(shared.redis, redisPrefix);
  const events = shared.events ?? createEventBus(undefined);
  const stores = createStoreService(db, network);
  const catalog = createCatalogService(db);
  const demand = new DemandRecorder(db);
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM ?? 'Folio <alerts@folio.local>', shared.logger ?? createLogger('silent'));
  const offers = createOfferService(db, network, stores, events.pubsub, new OfferCache(db, shared.redis, events.pubsub, config.OFFER_CACHE ?? true, redisPrefix));
  const discovery = createBookDiscovery({ db, catalog, offers, stores, network, logger: shared.logger });
  const payments = new TestPaymentProvider(db);
  const alerts = createAlertService(db, discovery, offers, events.pubsub, { retryBaseMs: config.WEBHOOK_RETRY_BASE_MS ?? 2_000, mailer });
  const addressBook = createAddressBook(db);
  const settlers = { purchases: purchaseSettler({ db, payments, network, stores }), checkouts: checkoutSettler({ db, payments, network, stores }) };
  const purchases = createPurchaseService({
    db, catalog, discovery, offers, stores, network, payments, alerts, addressBook, onStep: shared.onPurchaseStep,
    settings: {
      limit: config.PURCHASE_LIMIT ?? 20,
      windowSeconds: config.PURCHASE_WINDOW_SECONDS ?? 3600,
      freshnessSeconds: config.PURCHASE_FRESHNESS_SECONDS ?? 300,
    },
  });
  const cartCache = new CartCache(shared.redis, redisPrefix);
  const carts = createCartService({ db, catalog, discovery, stores, offers, cache: cartCache, settings: { ttlDays: config.CART_TTL_DAYS ?? 30 } });
  // Only processes that answer searches keep the index (a worker never reads it), and only when asked to.
  const searchFeed = shared.databaseUrl && (config.SEARCH_INDEX ?? true) ? new SearchIndexFeed(db, shared.databaseUrl, shared.logger) : null;
  // Processes that refresh prices start it; one of them (per database) plans at a time.
  const watch = shared.databaseUrl && (config.WATCH_PLANNER ?? true)
    ? new WatchPlanner({ db, databaseUrl: shared.databaseUrl, network, stores, offers, logger: shared.logger }, {
      ...DEFAULT_WATCH_SETTINGS,
      objectiveMs: (config.WATCH_OBJECTIVE_SECONDS ?? 120) * 1000,
      maxAgeMs: (config.WATCH_MAX_AGE_SECONDS ?? 3_600) * 1000,
      reloadMs: (config.WATCH_RELOAD_SECONDS ?? 15) * 1000,
      lookUpsPerSecond: config.WATCH_LOOKUPS_PER_SECOND ?? 1_500,
    })
    : null;
  return {
    accounts: createAccountService(db, new TokenSigner(config.authSecret, config.AUTH_TOKEN_TTL_SECONDS), config.ADMIN_EMAILS),
    addressBook,
    catalog,
    discovery,
    search: createSearchService(db, searchFeed && createIndexSearch(db, searchFeed)),
    /** Reads the search index (if this process keeps one); the API awaits it before it answers. */
    warmSearch: () => searchFeed?.ready().then(() => undefined),
    stores,
    offers,
    refresh: createRefreshService(db, catalog, offers),
    watch,
    watchObjectiveSeconds: config.WATCH_OBJECTIVE_SECONDS ?? 120,
    demand,
    purchases,
    alerts,
    inventory: createInventoryService(db),
    carts,
    checkout: createCheckoutService({
      db, catalog, stores, offers, carts, cartCache, network, payments, addressBook, onStep: shared.onCheckoutStep,
      settings: { reservationTtlSeconds: config.RESERVATION_TTL_SECONDS ?? 600 },
    }),
    reports: createReportService({ db, catalog, stores, offers, alerts, settings: { limitPerHour: config.REPORT_LIMIT ?? 30 } }),
    orders: createOrderService(db),
    fulfilment: createFulfilment({
      db, network, stores, records: createPaymentRecords(db, payments), events: events.pubsub,
      stepSeconds: config.FULFILMENT_STEP_SECONDS ?? 60, onStep: shared.onFulfilmentStep,
    }),
    priceHistory: {
      points: (bookId: number, storeId: number | null, granularity: Granularity, range: { from: Date; to: Date }) =>
        priceHistoryPoints(db, bookId, storeId, granularity, range),
      summary: (bookId: number, storeId: number | null) => priceSummary(db, bookId, storeId),
    },
    reconcilePurchases: (logger?: Logger) => settleInterrupted(db, settlers.purchases, logger),
    reconcileCheckouts: (logger?: Logger) => settleInterrupted(db, settlers.checkouts, logger),
    /** The one settler: every kind of saga whose process stopped part-way. */
    settleSagas: async (logger?: Logger) => ({
      purchases: await settleInterrupted(db, settlers.purchases, logger),
      checkouts: await settleInterrupted(db, settlers.checkouts, logger),
    }),
    sweepIdempotencyKeys: () => sweepExpiredKeys(db),
    recoverDeadWorkers: () => recoverDeadWorkers(db, config.WORKER_DEAD_AFTER_SECONDS ?? 120),
    autoBuy: (alertId: number, priceCents: number) => runAutoBuy({ db, catalog, purchases }, alertId, priceCents),
    ensureObservationPartitions: () => ensureObservationPartitions(db),
    cancelLateOrder: async (storeId: number, reference: string) => {
      const [store] = await stores.storesByIds([storeId]);
      return store ? cancelPartnerOrder(network, store, reference) : 'NONE';
    },
    events: events.pubsub,
    close: async () => {
      network.close();
      events.close();
      await watch?.stop();
      await demand.close();
      await searchFeed?.close();
      mailer.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
