import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
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

type Health = ReturnType<import('../../resolvers/stores/store-service.js').StoreService['health']>;

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
    health: t.field({ type: StoreHealthRef, resolve: (store, _args, context) => context.services.stores.health(store) }),
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
