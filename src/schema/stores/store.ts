import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { TIER_TTL_SECONDS, type Tier } from '../../resolvers/pricing/refresh-schedule.js';
import type { Freshness } from '../../resolvers/pricing/watch/watch-repository.js';
import type { StoreRow } from '../../resolvers/stores/store-repository.js';
import { builder } from '../builder.js';
import { invalidInput } from '../errors.js';
import { nodeId } from '../common/ids.js';

const StoreKindEnum = builder.enumType('StoreKind', { values: ['FIRST_PARTY', 'PARTNER'] as const });
const CircuitStateEnum = builder.enumType('CircuitState', {
  values: {
    CLOSED: { description: 'Calls go through.' },
    OPEN: { description: 'Too many recent failures: calls are skipped until the store is probed again.' },
    HALF_OPEN: { description: 'Probing: one call decides whether the circuit closes or opens again.' },
  },
});

type Health = ReturnType<import('../../resolvers/stores/store-service.js').StoreService['health']> & { storeId: number };

const FreshnessRef = builder.objectRef<Freshness & { tier?: Tier; objectiveSeconds: number }>('OfferFreshness').implement({
  description: 'How fresh a class of offers at a store is: watched ones against the freshness objective, each demand tier against its interval.',
  fields: (t) => ({
    tier: t.string({ nullable: true, description: 'HOT, WARM, LONG_TAIL or COLD; null for watched offers.', resolve: (freshness) => freshness.tier ?? null }),
    objectiveSeconds: t.exposeInt('objectiveSeconds', { description: 'How old an offer of this class may be and still count as fresh.' }),
    offers: t.exposeInt('offers', { description: 'Offers counted (for tiers, in a sample of about 100,000 of all offers).' }),
    fresh: t.exposeInt('fresh', { description: 'Of those, checked within the objective.' }),
    coverage: t.float({
      nullable: true,
      description: 'fresh / offers (null when there are none).',
      resolve: (freshness) => (freshness.offers ? freshness.fresh / freshness.offers : null),
    }),
    oldestSeconds: t.exposeFloat('oldestSeconds', { nullable: true, description: 'Age of the stalest offer counted.' }),
  }),
});

const StoreHealthRef = builder.objectRef<Health>('StoreHealth').implement({
  description: "How this process sees the store's API over its recent calls.",
  fields: (t) => ({
    circuit: t.field({ type: CircuitStateEnum, resolve: (health) => health.circuit }),
    successRate: t.exposeFloat('successRate', { description: 'Share of recent calls answered (1 before any call).' }),
    p95LatencyMs: t.exposeInt('p95LatencyMs', { nullable: true }),
    lastError: t.exposeString('lastError', { nullable: true }),
    recentCalls: t.exposeInt('calls'),
    refreshCoverage: t.exposeFloat('refreshCoverage', {
      nullable: true,
      description: 'Share of the scheduled price look-ups due at this store in the last ten minutes that it answered on time (null: none were due).',
    }),
    refreshDue: t.exposeInt('refreshDue', { description: 'Scheduled price look-ups due at this store in the last ten minutes.' }),
    watched: t.loadable({
      type: FreshnessRef,
      description: 'Offers of books shoppers watch (alerts, carts, auto-buys) at this store, against the freshness objective.',
      load: async (storeIds: number[], context) => {
        const objectiveSeconds = context.services.watchObjectiveSeconds;
        return (await context.services.stores.watchedFreshness(storeIds, objectiveSeconds)).map((row) => ({ ...row, objectiveSeconds }));
      },
      resolve: (health) => health.storeId,
    }),
    tiers: t.loadableList({
      type: FreshnessRef,
      description: "Offers at this store by demand tier, against each tier's interval (estimated from a sample).",
      load: async (storeIds: number[], context) =>
        (await context.services.stores.tierFreshness(storeIds)).map((rows) => rows.map((row) => ({ ...row, objectiveSeconds: TIER_TTL_SECONDS[row.tier] }))),
      resolve: (health) => health.storeId,
    }),
  }),
});

export const StoreRef = builder.loadableNode('Store', {
  id: { resolve: (store: StoreRow) => store.id, parse: nodeId },
  load: (ids: number[], context) => context.services.stores.storesByIds(ids),
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    kind: t.field({ type: StoreKindEnum, resolve: (store) => store.kind }),
    rateLimitPerSecond: t.exposeFloat('rateLimitPerSecond', { nullable: true }),
    supportsBatch: t.exposeBoolean('supportsBatch'),
    enabled: t.exposeBoolean('enabled', { description: 'Compared and bought from; an operator can take a partner out (setStoreEnabled).' }),
    health: t.field({ type: StoreHealthRef, resolve: (store, _args, context) => ({ ...context.services.stores.health(store), storeId: store.id }) }),
  }),
});

builder.queryField('stores', (t) =>
  t.connection(
    {
      type: StoreRef,
      description: "Folio's own store and every partner bookstore, by id.",
      resolve: (_root, args, context) =>
        resolveCursorConnection(
          { args, toCursor: (store: StoreRow) => String(store.id), defaultSize: 50, maxSize: 200 },
          ({ after, limit }: ResolveCursorConnectionArgs) => context.services.stores.page(after ? Number(after) || 0 : 0, limit),
        ),
    },
    {
      name: 'StoreConnection',
      fields: (t) => ({ totalCount: t.int({ resolve: (_connection, _args, context) => context.services.stores.count() }) }),
    },
  ),
);

builder.mutationField('setStoreEnabled', (t) =>
  t.field({
    type: StoreRef,
    description: 'Operators only: take a partner store out of comparison and buying (or bring it back).',
    authScopes: { admin: true },
    args: { id: t.arg.globalID({ required: true, for: StoreRef }), enabled: t.arg.boolean({ required: true }) },
    resolve: async (_root, { id, enabled }, context) => {
      const store = await context.services.stores.setEnabled(id.id, enabled);
      if (!store) throw invalidInput('No partner store has this id', { field: 'id' });
      return store;
    },
  }),
);
