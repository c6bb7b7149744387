import { type Kysely, sql } from 'kysely';
import type { Database, Transaction } from '../../db/database.js';
import { DomainError, InvalidInputError } from '../../lib/errors.js';
import type { BookRow } from '../catalog/catalog-repository.js';
import type { BookDiscovery } from '../catalog/book-discovery.js';
import { ownPrice } from '../pricing/own-offers.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { OfferService } from '../pricing/offer-service.js';
import { claimKey, completeKey, fingerprintOf } from '../../lib/idempotency.js';
import type { StoreService } from '../stores/store-service.js';
import { type CachedCart, type CartCache } from './cart-cache.js';
import {
  addQuantity,
  addToOpenCart,
  type CartItemRow,
  type CartOwner,
  type CartRow,
  bumpOpenCart,
  clearItems,
  deleteExpiredCarts,
  findCartsByIds,
  findOpenCart,
  hashCartToken,
  insertCart,
  itemsOfCarts,
  mergeInto,
  newCartToken,
  setQuantity,
  userCart,
} from './cart-repository.js';

/** Who is asking: the signed-in user (if any) and the guest cart token they sent (if any). */
export interface CartAccess {
  userId: number | null;
  cartToken?: string | null;
}

export interface CartView extends CachedCart {
  /** Only when the cart was just created for a guest: the token to send as cartToken from now on. */
  token?: string;
}

export interface LineInput {
  isbn: string;
  storeId?: number | null;
  quantity: number;
  /** Optimistic concurrency: the version the client saw; a stale one is refused with CONFLICT. */
  version?: number | null;
  idempotencyKey?: string | null;
}

export interface CartSettings {
  ttlDays: number;
}

/** Most copies of one book a line holds. */
export const MAX_QUANTITY = 99;

/** The cart a request means: the guest cart of the token it carries, else the signed-in user's. */
export function cartOwner(access: CartAccess): CartOwner {
  if (access.cartToken) return { tokenHash: hashCartToken(access.cartToken) };
  if (access.userId !== null) return { userId: access.userId };
  throw new DomainError('UNAUTHENTICATED', 'Sign in, or pass the cartToken that createCart gave you.');
}

export function createCartService(deps: {
  db: Kysely<Database>;
  catalog: CatalogService;
  discovery: BookDiscovery;
  stores: StoreService;
  offers: OfferService;
  cache: CartCache;
  settings: CartSettings;
}) {
  const { db, catalog, stores, offers, cache, settings } = deps;

  async function load(owner: CartOwner): Promise<CachedCart | null> {
    return cache.read(owner, async () => {
      const cart = await findOpenCart(db, owner);
      return cart ? { cart, items: await itemsOfCarts(db, [cart.id]) } : null;
    });
  }

  /** The cart a change applies to, locked and bumped: the user's (made if missing) or the guest's (which must exist). */
  async function cartForChange(trx: Transaction, owner: CartOwner): Promise<CartRow> {
    const bumped = await bumpOpenCart(trx, owner, settings.ttlDays);
    if (bumped) return bumped;
    if ('userId' in owner) {
      await userCart(trx, owner.userId, settings.ttlDays);
      return (await bumpOpenCart(trx, owner, settings.ttlDays))!;
    }
    throw new InvalidInputError('No open cart has this cartToken (it may have expired or been merged): create a new one', { field: 'cartToken' });
  }

  /**
   * Runs one change of a cart in a transaction: locks and bumps the cart, checks the version the client
   * saw (rolling back on a stale one), applies the change. `apply` answers with the cart's lines when it
   * knows them, or UNCHANGED (a replayed add: everything is rolled back and the cart returned as it is).
   * The cache entry goes after the commit.
   */
  async function change(
    access: CartAccess,
    version: number | null | undefined,
    apply: (trx: Transaction, cart: CartRow) => Promise<CartItemRow[] | 'UNCHANGED' | void>,
  ): Promise<CartView> {
    const owner = cartOwner(access);
    try {
      const view = await db.transaction().execute(async (trx) => {
        // A cart change moves no money or stock: losing the last instant of them in a database crash is
        // acceptable, so they skip waiting for the WAL flush (checkout and payments keep waiting).
        await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        const cart = await cartForChange(trx, owner);
        const seen = cart.version - 1;
        if (version != null && version !== seen) {
          throw new DomainError('CONFLICT', `The cart changed since you read it (version ${version}; it is now ${seen}): read it again and retry`, {
            currentVersion: seen,
          });
        }
        const items = await apply(trx, cart);
        if (items === 'UNCHANGED') throw new Unchanged();
        return { cart, items: items ?? (await itemsOfCarts(trx, [cart.id])) };
      });
      await cache.forget([owner]);
      return view;
    } catch (error) {
      if (!(error instanceof Unchanged)) throw error;
      return (await load(owner))!;
    }
  }

  const bookOf = (isbn: string): Promise<BookRow> => deps.discovery.require(isbn);

  /** Where a new line buys from, and its price now: the asked store, else Folio's own stock, else the cheapest partner. */
  async function source(book: BookRow, storeId: number | null | undefined): Promise<{ storeId: number; unitPriceCents: number }> {
    const own = await stores.firstParty();
    if (storeId == null || storeId === own.id) {
      const [stock] = await catalog.availableStock([book.id]);
      const price = ownPrice(book, stock ?? 0);
      if (price !== null) return { storeId: own.id, unitPriceCents: price };
      if (storeId === own.id) throw new InvalidInputError('Folio has no copies of this book in stock; choose a partner store', { field: 'storeId' });
    }
    const [bookOffers] = await offers.offersOfBooks([book.id]);
    const offer = (bookOffers ?? []).find((o) => o.inStock && (storeId == null || o.storeId === storeId));
    if (!offer) {
      throw new InvalidInputError(storeId == null ? 'No store has this book in stock now' : 'That store does not have this book in stock now', {
        field: 'storeId',
      });
    }
    return { storeId: offer.storeId, unitPriceCents: offer.priceCents };
  }

  /** The line a change names: by book, and by store when the cart holds the book from more than one. */
  function lineOf(items: CartItemRow[], book: BookRow, storeId: number | null | undefined): CartItemRow {
    const lines = items.filter((item) => item.bookId === book.id && (storeId == null || item.storeId === storeId));
    if (lines.length === 0) throw new InvalidInputError('This book is not in the cart', { field: 'isbn' });
    if (lines.length > 1) throw new InvalidInputError('The cart holds this book from several stores: pass storeId', { field: 'storeId' });
    return lines[0]!;
  }

  function checkQuantity(quantity: number, min: number): void {
    if (!Number.isInteger(quantity) || quantity < min || quantity > MAX_QUANTITY) {
      throw new InvalidInputError(`quantity must be a whole number from ${min} to ${MAX_QUANTITY}`, { field: 'quantity' });
    }
  }

  return {
    /** A new guest cart (its token is returned once), or the signed-in user's cart. */
    async create(access: CartAccess): Promise<CartView> {
      if (access.userId !== null) {
        const cart = await db.transaction().execute((trx) => userCart(trx, access.userId!, settings.ttlDays));
        return { cart, items: await itemsOfCarts(db, [cart.id]) };
      }
      const token = newCartToken();
      const cart = await insertCart(db, { tokenHash: hashCartToken(token) }, settings.ttlDays);
      return { cart, items: [], token };
    },

    /** The cart of whoever asks; null when there is none (or the token is unknown or expired). */
    async find(access: CartAccess): Promise<CartView | null> {
      if (!access.cartToken && access.userId === null) return null;
      return load(cartOwner(access));
    },

    async add(access: CartAccess, input: LineInput): Promise<CartView> {
      checkQuantity(input.quantity, 1);
      const book = await bookOf(input.isbn);
      const line = await source(book, input.storeId);
      const key = input.idempotencyKey?.trim();
      if (!key) {
        const owner = cartOwner(access);
        const added = await addToOpenCart(
          db,
          owner,
          { bookId: book.id, ...line, quantity: input.quantity },
          { version: input.version ?? null, ttlDays: settings.ttlDays, max: MAX_QUANTITY },
        );
        if (added) {
          await cache.forget([owner]);
          return added;
        }
        // No open cart at that version: the long way below says why (a stale version, an unknown token) or makes the user's cart.
      }
      return change(access, input.version, async (trx, cart) => {
        if (key) {
          const scope = `addToCart:${cart.id}`;
          const claim = await claimKey(trx, scope, key, fingerprintOf({ isbn: book.isbn13, storeId: input.storeId ?? null, quantity: input.quantity }));
          if (claim.kind !== 'NEW') return 'UNCHANGED'; // already applied: answer with the cart as it is
          await completeKey(trx, scope, key);
        }
        return addQuantity(trx, { cartId: cart.id, bookId: book.id, ...line, quantity: input.quantity }, MAX_QUANTITY);
      });
    },

    /** Sets a line's quantity; 0 removes it. */
    async update(access: CartAccess, input: LineInput): Promise<CartView> {
      checkQuantity(input.quantity, 0);
      const book = await bookOf(input.isbn);
      return change(access, input.version, async (trx, cart) => {
        const items = await itemsOfCarts(trx, [cart.id]);
        const line = lineOf(items, book, input.storeId);
        await setQuantity(trx, cart.id, book.id, line.storeId, input.quantity);
        return input.quantity === 0
          ? items.filter((item) => item !== line)
          : items.map((item) => (item === line ? { ...item, quantity: input.quantity } : item));
      });
    },

    remove(access: CartAccess, input: Omit<LineInput, 'quantity'>): Promise<CartView> {
      return this.update(access, { ...input, quantity: 0 });
    },

    clear(access: CartAccess, version?: number | null): Promise<CartView> {
      return change(access, version, async (trx, cart) => {
        await clearItems(trx, cart.id);
        return [];
      });
    },

    /**
     * Signing in with a guest cart: its lines join the user's cart (quantities added, at most 99 a line)
     * and the guest cart is retired. A token already merged or unknown changes nothing.
     */
    async merge(userId: number, cartToken: string): Promise<CartView> {
      const guest: CartOwner = { tokenHash: hashCartToken(cartToken) };
      await db.transaction().execute(async (trx) => {
        const mine = await userCart(trx, userId, settings.ttlDays);
        const theirs = await findOpenCart(trx, guest, true);
        if (!theirs) return;
        await mergeInto(trx, theirs.id, mine.id, MAX_QUANTITY);
        await bumpOpenCart(trx, { userId }, settings.ttlDays);
      });
      await cache.forget([guest, { userId }]);
      return (await load({ userId }))!;
    },

    /** The price each line would cost now (null: no longer offered): checkout charges these, not the snapshot. */
    async currentUnitPrices(lines: readonly { bookId: number; storeId: number }[]): Promise<(number | null)[]> {
      const own = await stores.firstParty();
      const ownBooks = [...new Set(lines.filter((line) => line.storeId === own.id).map((line) => line.bookId))];
      const partnerBooks = [...new Set(lines.filter((line) => line.storeId !== own.id).map((line) => line.bookId))];
      // Only what the lines need: stock and list prices for Folio's own lines, offers for the partners'.
      const [books, stock, offerLists] = await Promise.all([
        catalog.booksByIds(ownBooks),
        catalog.availableStock(ownBooks),
        offers.offersOfBooks(partnerBooks),
      ]);
      const ownPrices = new Map(ownBooks.map((id, i) => [id, books[i] ? ownPrice(books[i], stock[i] ?? 0) : null]));
      const offersOf = new Map(partnerBooks.map((id, i) => [id, offerLists[i] ?? []]));
      return lines.map(({ bookId, storeId }) =>
        storeId === own.id ? (ownPrices.get(bookId) ?? null) : (offersOf.get(bookId)!.find((o) => o.storeId === storeId && o.inStock)?.priceCents ?? null),
      );
    },

    /** The cron's sweep of abandoned carts. */
    sweepExpired: () => deleteExpiredCarts(db, 10_000),

    /** Carts by id for node(id:) — only the caller's own user cart is ever returned. */
    async byIds(ids: readonly number[]): Promise<(CachedCart | null)[]> {
      const carts = await findCartsByIds(db, ids);
      const items = await itemsOfCarts(
        db,
        carts.map((cart) => cart.id),
      );
      return ids.map((id) => {
        const cart = carts.find((row) => row.id === id);
        return cart ? { cart, items: items.filter((item) => item.cartId === id) } : null;
      });
    },
  };
}

/** A replayed change: the transaction is rolled back and the cart answered as it is. */
class Unchanged extends Error {}

export type CartService = ReturnType<typeof createCartService>;
