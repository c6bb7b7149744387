import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import type { CartItemsTable, CartsTable, Database, Transaction } from '../../db/database.js';

export type CartRow = Selectable<CartsTable>;
export type CartItemRow = Selectable<CartItemsTable>;

/** A guest's cart token: shown once, kept only as its hash. */
export function newCartToken(): string {
  return `cart_${randomBytes(24).toString('base64url')}`;
}

export function hashCartToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Who a cart belongs to: a user, or whoever holds the guest token. */
export type CartOwner = { userId: number } | { tokenHash: string };

function whereOwner(owner: CartOwner) {
  return 'userId' in owner ? sql`user_id = ${owner.userId}` : sql`guest_token_hash = ${owner.tokenHash}`;
}

export async function findOpenCart(db: Kysely<Database> | Transaction, owner: CartOwner, lock = false): Promise<CartRow | undefined> {
  const { rows } = await sql<CartRow>`
    SELECT * FROM carts WHERE ${whereOwner(owner)} AND status = 'OPEN' AND expires_at > now()
    ${lock ? sql`FOR UPDATE` : sql``}`.execute(db);
  return rows[0];
}

export async function insertCart(db: Kysely<Database> | Transaction, owner: CartOwner, ttlDays: number): Promise<CartRow> {
  const { rows } = await sql<CartRow>`
    INSERT INTO carts (user_id, guest_token_hash, expires_at)
    VALUES (${'userId' in owner ? owner.userId : null}, ${'tokenHash' in owner ? owner.tokenHash : null}, now() + ${ttlDays} * interval '1 day')
    RETURNING *`.execute(db);
  return rows[0]!;
}

/** A user's open cart, created if they have none (two requests at once still make one: the unique index decides). */
export async function userCart(trx: Transaction, userId: number, ttlDays: number): Promise<CartRow> {
  // An expired open cart is retired so the user starts afresh.
  await sql`UPDATE carts SET status = 'MERGED' WHERE user_id = ${userId} AND status = 'OPEN' AND expires_at <= now()`.execute(trx);
  await sql`
    INSERT INTO carts (user_id, expires_at) VALUES (${userId}, now() + ${ttlDays} * interval '1 day')
    ON CONFLICT (user_id) WHERE user_id IS NOT NULL AND status = 'OPEN' DO NOTHING`.execute(trx);
  const cart = await findOpenCart(trx, { userId }, true);
  return cart ?? insertCart(trx, { userId }, ttlDays);
}

export function itemsOfCarts(db: Kysely<Database> | Transaction, cartIds: readonly number[]): Promise<CartItemRow[]> {
  if (cartIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('cartItems')
    .selectAll()
    .where('cartId', 'in', [...cartIds])
    .orderBy('addedAt')
    .orderBy('bookId')
    .orderBy('storeId')
    .execute();
}

/**
 * Locks the owner's open cart and bumps its version in one statement (every change does both, and
 * pushes the expiry out); undefined when there is no open cart.
 */
export async function bumpOpenCart(trx: Transaction, owner: CartOwner, ttlDays: number): Promise<CartRow | undefined> {
  const { rows } = await sql<CartRow>`
    UPDATE carts SET ${bumped(ttlDays)} WHERE ${whereOwner(owner)} AND status = 'OPEN' AND expires_at > now() RETURNING *`.execute(trx);
  return rows[0];
}

/** What every change does to its cart: a new version, and the expiry pushed out. */
function bumped(ttlDays: number) {
  return sql`version = version + 1, updated_at = now(), expires_at = now() + ${ttlDays} * interval '1 day'`;
}

/**
 * The two CTEs an add is made of, for the cart row(s) `cart` names (none: nothing is added): `added`, the
 * line with the copies added (made if new; at most `max`), and `lines`, every line of the cart after it.
 */
function lineAdded(cart: RawBuilder<unknown>, item: Omit<CartItemRow, 'addedAt' | 'cartId'>, max: number) {
  return sql`
    added AS (
      INSERT INTO cart_items (cart_id, book_id, store_id, quantity, unit_price_cents)
      SELECT c.id, ${item.bookId}, ${item.storeId}, ${Math.min(item.quantity, max)}, ${item.unitPriceCents} FROM ${cart} c
      ON CONFLICT (cart_id, book_id, store_id) DO UPDATE SET quantity = least(cart_items.quantity + EXCLUDED.quantity, ${max})
      RETURNING *
    ),
    lines AS (
      SELECT i.* FROM cart_items i JOIN ${cart} c ON c.id = i.cart_id WHERE NOT (i.book_id = ${item.bookId} AND i.store_id = ${item.storeId})
      UNION ALL SELECT * FROM added
    )`;
}

/** Adds copies to a line (made if new; at most `max`) and returns every line of the cart after it, in one statement. */
export async function addQuantity(trx: Transaction, item: Omit<CartItemRow, 'addedAt'>, max: number): Promise<CartItemRow[]> {
  const { rows } = await sql<CartItemRow>`
    WITH ${lineAdded(sql`(SELECT ${item.cartId}::bigint AS id)`, item, max)}
    SELECT * FROM lines ORDER BY added_at, book_id, store_id`.execute(trx);
  return rows;
}

const CART_COLUMNS = ['id', 'userId', 'guestTokenHash', 'version', 'status', 'createdAt', 'updatedAt', 'expiresAt'] as const;

/**
 * The usual add in one statement, outside any transaction (a cart change is the commonest write there
 * is): bumps the owner's open cart (only at `version`, when the client sent the one it saw), adds the
 * copies (at most `max` a line) and answers with the cart and its lines. Undefined, having written
 * nothing, when there is no open cart at that version, or when another change of the cart committed
 * while this one waited for it (the lines this statement sees would miss that change): the caller then
 * takes the long way. Like every cart change it does not wait for the WAL flush (see CartService).
 */
export async function addToOpenCart(
  db: Kysely<Database>,
  owner: CartOwner,
  item: Omit<CartItemRow, 'addedAt' | 'cartId'>,
  options: { version: number | null; ttlDays: number; max: number },
): Promise<{ cart: CartRow; items: CartItemRow[] } | undefined> {
  // The update names the version this statement's snapshot saw; after waiting for a concurrent change's
  // lock, PostgreSQL checks that condition against the row as that change left it, and skips it.
  const { rows } = await sql<CartRow & CartItemRow>`
    WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)),
    seen AS (SELECT id, version FROM carts WHERE ${whereOwner(owner)} AND status = 'OPEN' AND expires_at > now()),
    cart AS (
      UPDATE carts SET ${bumped(options.ttlDays)}
      WHERE id = (SELECT id FROM seen) AND version = (SELECT version FROM seen) AND (${options.version}::int IS NULL OR version = ${options.version})
      RETURNING *
    ),
    ${lineAdded(sql`cart`, item, options.max)}
    SELECT c.*, l.* FROM cart c CROSS JOIN relaxed CROSS JOIN lines l ORDER BY l.added_at, l.book_id, l.store_id`.execute(db);
  const first = rows[0];
  if (!first) return undefined;
  const cart = Object.fromEntries(CART_COLUMNS.map((column) => [column, first[column]])) as CartRow;
  const items = rows.map(({ cartId, bookId, storeId, quantity, unitPriceCents, addedAt }) => ({ cartId, bookId, storeId, quantity, unitPriceCents, addedAt }));
  return { cart, items };
}

export async function setQuantity(trx: Transaction, cartId: number, bookId: number, storeId: number, quantity: number): Promise<boolean> {
  const result =
    quantity === 0
      ? await trx.deleteFrom('cartItems').where('cartId', '=', cartId).where('bookId', '=', bookId).where('storeId', '=', storeId).executeTakeFirst()
      : await trx
          .updateTable('cartItems')
          .set({ quantity })
          .where('cartId', '=', cartId)
          .where('bookId', '=', bookId)
          .where('storeId', '=', storeId)
          .executeTakeFirst();
  return Number('numDeletedRows' in result ? result.numDeletedRows : result.numUpdatedRows) > 0;
}

export async function clearItems(trx: Transaction, cartId: number): Promise<void> {
  await trx.deleteFrom('cartItems').where('cartId', '=', cartId).execute();
}

/** Moves a guest cart's lines into the user's cart (quantities added) and retires the guest cart. */
export async function mergeInto(trx: Transaction, guestCartId: number, userCartId: number, max: number): Promise<void> {
  await sql`
    INSERT INTO cart_items (cart_id, book_id, store_id, quantity, unit_price_cents, added_at)
    SELECT ${userCartId}, book_id, store_id, quantity, unit_price_cents, added_at FROM cart_items WHERE cart_id = ${guestCartId}
    ON CONFLICT (cart_id, book_id, store_id) DO UPDATE SET quantity = least(cart_items.quantity + EXCLUDED.quantity, ${max})`.execute(trx);
  await trx.updateTable('carts').set({ status: 'MERGED' }).where('id', '=', guestCartId).execute();
}

/** Abandoned carts past their expiry go (with their lines). */
export async function deleteExpiredCarts(db: Kysely<Database>, batch: number): Promise<number> {
  const result = await sql`
    DELETE FROM carts WHERE id IN (SELECT id FROM carts WHERE expires_at <= now() AND status <> 'CHECKED_OUT' LIMIT ${batch})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export function findCartsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<CartRow[]> {
  return db
    .selectFrom('carts')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}
