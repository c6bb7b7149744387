import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, SavedAddressesTable, Transaction } from '../../db/database.js';
import { type Address, parseAddress } from '../../lib/address.js';
import { InvalidInputError } from '../../lib/errors.js';
import { byKeys } from '../batch.js';

export type SavedAddressRow = Selectable<SavedAddressesTable>;

/** A shopper keeps at most this many addresses. */
export const MAX_SAVED_ADDRESSES = 20;

/**
 * A shopper's saved addresses: the first one saved is the default until another is made so; removing the
 * default makes the newest remaining one the default. Checkout and purchaseBook take one by id.
 */
export function createAddressBook(db: Kysely<Database>) {
  /** The user's address with this id, locked; another user's id is refused as if it did not exist. */
  async function own(trx: Transaction, userId: number, id: number): Promise<SavedAddressRow> {
    const row = await trx.selectFrom('savedAddresses').selectAll().where('id', '=', id).where('userId', '=', userId).forUpdate().executeTakeFirst();
    if (!row) throw new InvalidInputError('You have no saved address with this id', { field: 'id' });
    return row;
  }

  async function makeDefault(trx: Transaction, userId: number, id: number): Promise<void> {
    await trx
      .updateTable('savedAddresses')
      .set({ isDefault: false })
      .where('userId', '=', userId)
      .where('isDefault', '=', true)
      .where('id', '<>', id)
      .execute();
    await trx.updateTable('savedAddresses').set({ isDefault: true, updatedAt: new Date() }).where('id', '=', id).execute();
  }

  /** Serialises a user's changes to the book, so two at once cannot both become the default or pass the limit. */
  async function lockBook(trx: Transaction, userId: number): Promise<void> {
    await sql`SELECT 1 FROM users WHERE id = ${userId} FOR UPDATE`.execute(trx);
  }

  return {
    /** The user's addresses, the default first, then newest first. */
    list: (userId: number) =>
      db.selectFrom('savedAddresses').selectAll().where('userId', '=', userId).orderBy('isDefault', 'desc').orderBy('id', 'desc').execute(),

    byIds: async (ids: readonly number[]) =>
      ids.length === 0
        ? []
        : byKeys(
            ids,
            await db
              .selectFrom('savedAddresses')
              .selectAll()
              .where('id', 'in', [...ids])
              .execute(),
            (row) => row.id,
          ),

    async add(userId: number, input: { address: unknown; isDefault?: boolean | null }): Promise<SavedAddressRow> {
      const address = parseAddress(input.address, 'address');
      return db.transaction().execute(async (trx) => {
        await lockBook(trx, userId);
        const { count } = await trx
          .selectFrom('savedAddresses')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('userId', '=', userId)
          .executeTakeFirstOrThrow();
        if (Number(count) >= MAX_SAVED_ADDRESSES)
          throw new InvalidInputError(`You can keep at most ${MAX_SAVED_ADDRESSES} addresses; remove one first`, { field: 'address' });
        const row = await trx
          .insertInto('savedAddresses')
          .values({ userId, address: JSON.stringify(address) })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (input.isDefault || Number(count) === 0) await makeDefault(trx, userId, row.id);
        return own(trx, userId, row.id);
      });
    },

    async update(userId: number, id: number, input: { address?: unknown; isDefault?: boolean | null }): Promise<SavedAddressRow> {
      const address = input.address === undefined || input.address === null ? null : parseAddress(input.address, 'address');
      return db.transaction().execute(async (trx) => {
        await lockBook(trx, userId);
        const row = await own(trx, userId, id);
        if (address)
          await trx
            .updateTable('savedAddresses')
            .set({ address: JSON.stringify(address), updatedAt: new Date() })
            .where('id', '=', id)
            .execute();
        if (input.isDefault === true) await makeDefault(trx, userId, id);
        if (input.isDefault === false && row.isDefault) throw new InvalidInputError('Make another address the default instead', { field: 'isDefault' });
        return own(trx, userId, id);
      });
    },

    async remove(userId: number, id: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await lockBook(trx, userId);
        const row = await own(trx, userId, id);
        await trx.deleteFrom('savedAddresses').where('id', '=', id).execute();
        if (!row.isDefault) return;
        const next = await trx.selectFrom('savedAddresses').select('id').where('userId', '=', userId).orderBy('id', 'desc').executeTakeFirst();
        if (next) await makeDefault(trx, userId, next.id);
      });
    },

    /** Where an order goes: the saved address by id (the user's own only), or the address given inline. */
    async shippingAddress(userId: number | null, input: { addressId?: number | null; shippingAddress?: unknown }): Promise<Address> {
      if (input.addressId === null || input.addressId === undefined) return parseAddress(input.shippingAddress);
      if (input.shippingAddress !== null && input.shippingAddress !== undefined) {
        throw new InvalidInputError('Give either addressId or shippingAddress, not both', { field: 'addressId' });
      }
      if (userId === null) throw new InvalidInputError('Sign in to use a saved address, or give shippingAddress', { field: 'addressId' });
      const row = await db.selectFrom('savedAddresses').select('address').where('id', '=', input.addressId).where('userId', '=', userId).executeTakeFirst();
      if (!row) throw new InvalidInputError('You have no saved address with this id', { field: 'addressId' });
      return row.address;
    },
  };
}

export type AddressBook = ReturnType<typeof createAddressBook>;
