import { type Freshness, tierFreshness, watchedFreshness } from '../pricing/watch/watch-repository.js';
import type { Tier } from '../pricing/refresh-schedule.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { PartnerNetwork, StoreHealth } from '../../partners/network.js';
import { byKeys } from '../batch.js';
import { countStores, disablePartnersOtherThan, findStoresByIds, listEnabledStores, pageOfStores, type StoreRow, upsertStores } from './store-repository.js';

interface NetworkStore {
  slug: string;
  name: string;
  rateLimitPerSecond: number;
  burst: number;
  supportsBatch: boolean;
  maxBatch: number;
  shipping: { feeCents: number; freeOverCents: number | null };
}

/** The partner list is read by every refresh and live look-up; it changes only when the registry syncs. */
const PARTNERS_TTL_MS = 30_000;

const FIRST_PARTY_STORE = {
  slug: 'folio',
  name: 'Folio',
  kind: 'FIRST_PARTY' as const,
  apiBaseUrl: null,
  rateLimitPerSecond: null,
  burst: null,
  timeoutMs: 2000,
  supportsBatch: false,
  maxBatch: 1,
  shippingFeeCents: 0,
  freeShippingOverCents: null,
};

export function createStoreService(db: Kysely<Database>, network: PartnerNetwork) {
  let partners: { rows: Promise<StoreRow[]>; until: number } | null = null;
  let ownStore: Promise<StoreRow> | null = null;

  return {
    /** Registers every store of a partner network (the simulator's /stores list), updating known ones and retiring the rest. */
    async syncFromNetwork(baseUrl: string): Promise<number> {
      const response = await fetch(`${baseUrl}/stores`, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`partner network at ${baseUrl} answered ${response.status}`);
      const { stores } = (await response.json()) as { stores: NetworkStore[] };
      await upsertStores(db, [
        FIRST_PARTY_STORE,
        ...stores.map((store) => ({
          slug: store.slug,
          name: store.name,
          kind: 'PARTNER' as const,
          apiBaseUrl: `${baseUrl}/stores/${encodeURIComponent(store.slug)}`,
          rateLimitPerSecond: store.rateLimitPerSecond,
          burst: store.burst,
          timeoutMs: 2000,
          supportsBatch: store.supportsBatch,
          maxBatch: store.maxBatch,
          shippingFeeCents: store.shipping.feeCents,
          freeShippingOverCents: store.shipping.freeOverCents,
        })),
      ]);
      await disablePartnersOtherThan(
        db,
        stores.map((store) => store.slug),
      );
      partners = null;
      return stores.length;
    },

    /** Folio's own store (its warehouses), registered on first use if no partner sync has run yet; kept once found. */
    firstParty(): Promise<StoreRow> {
      ownStore ??= (async () => {
        const find = async () => (await listEnabledStores(db)).find((store) => store.kind === 'FIRST_PARTY');
        const store = (await find()) ?? (await upsertStores(db, [FIRST_PARTY_STORE]), await find());
        if (!store) throw new Error('the first-party store is disabled');
        return store;
      })();
      ownStore.catch(() => (ownStore = null));
      return ownStore;
    },

    partners(): Promise<StoreRow[]> {
      if (!partners || partners.until < Date.now()) {
        const rows = listEnabledStores(db).then((stores) => stores.filter((store) => store.kind === 'PARTNER'));
        rows.catch(() => (partners = null));
        partners = { rows, until: Date.now() + PARTNERS_TTL_MS };
      }
      return partners.rows;
    },

    async storesByIds(ids: readonly number[]): Promise<(StoreRow | null)[]> {
      return byKeys(ids, await findStoresByIds(db, ids), (store) => store.id);
    },

    /** An operator takes a partner out of comparison (or back in); refreshes and purchases follow within the partner list's cache time. */
    async setEnabled(storeId: number, enabled: boolean): Promise<StoreRow | null> {
      const [store] = await findStoresByIds(db, [storeId]);
      if (!store || store.kind !== 'PARTNER') return null;
      await db.updateTable('stores').set({ enabled, disabledByOperator: !enabled }).where('id', '=', storeId).execute();
      partners = null;
      return (await findStoresByIds(db, [storeId]))[0] ?? null;
    },

    page: (afterId: number, limit: number) => pageOfStores(db, afterId, limit),
    count: () => countStores(db),

    /** How fresh the watched offers at these stores are (the objective in seconds), one entry per store. */
    async watchedFreshness(storeIds: readonly number[], objectiveSeconds: number): Promise<Freshness[]> {
      const rows = await watchedFreshness(db, storeIds, objectiveSeconds);
      return storeIds.map((storeId) => rows.find((row) => row.storeId === storeId) ?? { storeId, offers: 0, fresh: 0, oldestSeconds: null });
    },

    /** How fresh each demand tier's offers at these stores are (estimated from a sample). */
    async tierFreshness(storeIds: readonly number[]): Promise<(Freshness & { tier: Tier })[][]> {
      const rows = await tierFreshness(db, storeIds);
      return storeIds.map((storeId) => rows.filter((row) => row.storeId === storeId));
    },

    health(store: StoreRow): StoreHealth {
      return (
        network.healthOf(store.id) ?? {
          circuit: 'CLOSED',
          successRate: 1,
          p95LatencyMs: null,
          lastError: null,
          calls: 0,
          refreshCoverage: null,
          refreshDue: 0,
        }
      );
    },
  };
}

export type StoreService = ReturnType<typeof createStoreService>;
