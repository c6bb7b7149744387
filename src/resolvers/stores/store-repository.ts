import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, StoresTable } from '../../db/database.js';

export type StoreRow = Omit<Selectable<StoresTable>, 'createdAt' | 'disabledByOperator'>;

const COLUMNS = [
  'id',
  'slug',
  'name',
  'kind',
  'apiBaseUrl',
  'rateLimitPerSecond',
  'burst',
  'timeoutMs',
  'supportsBatch',
  'maxBatch',
  'shippingFeeCents',
  'freeShippingOverCents',
  'enabled',
] as const;

export type StoreUpsert = Omit<StoreRow, 'id' | 'enabled'>;

/** Inserts or updates stores by slug (the registry follows the partner network's own list). */
export async function upsertStores(db: Kysely<Database>, stores: readonly StoreUpsert[]): Promise<void> {
  if (stores.length === 0) return;
  await db
    .insertInto('stores')
    .values(stores.map((store) => ({ ...store })))
    .onConflict((conflict) =>
      conflict.column('slug').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        apiBaseUrl: eb.ref('excluded.apiBaseUrl'),
        rateLimitPerSecond: eb.ref('excluded.rateLimitPerSecond'),
        burst: eb.ref('excluded.burst'),
        supportsBatch: eb.ref('excluded.supportsBatch'),
        maxBatch: eb.ref('excluded.maxBatch'),
        shippingFeeCents: eb.ref('excluded.shippingFeeCents'),
        freeShippingOverCents: eb.ref('excluded.freeShippingOverCents'),
        // Listed again: back in comparison, unless an operator took it out.
        enabled: sql<boolean>`NOT stores.disabled_by_operator`,
      })),
    )
    .execute();
}

/** Partner stores the network no longer lists stop being asked (their history stays). */
export async function disablePartnersOtherThan(db: Kysely<Database>, slugs: readonly string[]): Promise<number> {
  const result = await db
    .updateTable('stores')
    .set({ enabled: false })
    .where('kind', '=', 'PARTNER')
    .where('enabled', '=', true)
    .$if(slugs.length > 0, (query) => query.where('slug', 'not in', [...slugs]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function listEnabledStores(db: Kysely<Database>): Promise<StoreRow[]> {
  return db.selectFrom('stores').select(COLUMNS).where('enabled', '=', true).orderBy('id').execute();
}

export function findStoresByIds(db: Kysely<Database>, ids: readonly number[]): Promise<StoreRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('stores')
    .select(COLUMNS)
    .where('id', 'in', [...ids])
    .execute();
}

export async function pageOfStores(db: Kysely<Database>, afterId: number, limit: number): Promise<StoreRow[]> {
  return db.selectFrom('stores').select(COLUMNS).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function countStores(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('stores')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return row.count;
}
