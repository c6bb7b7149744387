import type { Kysely } from 'kysely';
import type { Database, Transaction } from '../../db/database.js';
import { DomainError } from '../../lib/errors.js';
import type { PartnerQuote } from '../../partners/adapter.js';
import type { PartnerNetwork } from '../../partners/network.js';
import { createPaymentRecords } from '../../payments/payment-records.js';
import { checkPaymentToken, type PaymentProvider } from '../../payments/provider.js';
import { normalizeEmail } from '../accounts/account-service.js';
import type { AddressBook } from '../accounts/address-book.js';
import type { CartCache } from '../carts/cart-cache.js';
import { type CartItemRow, findOpenCart, itemsOfCarts } from '../carts/cart-repository.js';
import { type CartAccess, cartOwner, type CartService } from '../carts/cart-service.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import { confirmReservations, type Hold, releaseReservations, reserveStock } from '../inventory/inventory-repository.js';
import { placePartnerOrder, withdrawUnansweredOrder } from '../orders/partner-orders.js';
import { storeShippingCents } from '../pricing/landed-price.js';
import type { OfferService } from '../pricing/offer-service.js';
import { fingerprintOf, idempotencyKeyArgument } from '../../lib/idempotency.js';
import type { StoreRow } from '../stores/store-repository.js';
import type { StoreService } from '../stores/store-service.js';
import {
  type CartProblem,
  CHECKOUT_SAGA,
  type CheckoutRow,
  type CheckoutStep,
  findCheckout,
  finishCheckout,
  insertCheckout,
  type CheckoutProgress,
  progressColumns,
  type PartnerLine,
  recordCheckoutOrder,
  refreshSnapshots,
} from './checkout-repository.js';
import { authorizeKeyOf, holderOf, partnerReferenceOf, settleCheckout } from './settle.js';
import { payAndOrder } from '../../orders/pay-and-order.js';
import { claimUnsettled, enterStep, runOnce, SettledElsewhereError, stillOurs } from '../../orders/saga.js';

export interface CheckoutInput {
  cartToken?: string | null;
  paymentToken: string;
  idempotencyKey: string;
  shippingAddress?: unknown;
  /** A saved address of the signed-in shopper's, instead of shippingAddress. */
  addressId?: number | null;
  /** A guest's e-mail: the account later opened or signed into with it owns the order. */
  email?: string | null;
}

export interface CheckoutSettings {
  reservationTtlSeconds: number;
}

/** Lets a test act between steps (a price moving at the store after it was confirmed). */
export type CheckoutStepHook = (step: CheckoutStep, checkout: CheckoutRow) => void | Promise<void>;

/** How long one live price confirmation may take. */
const CONFIRM_TIMEOUT_MS = 2_000;
/** How long a repeat of a running checkout waits for its result. */
const REPEAT_WAIT_MS = 30_000;

/** A cart line bought from a partner, with what checkout needs of its store and book. */
interface PartnerItem {
  item: CartItemRow;
  store: StoreRow;
  book: { id: number; isbn13: string };
}

type Stop = { status: 'OUT_OF_STOCK' | 'PRICE_CHANGED' | 'PAYMENT_DECLINED' | 'EMPTY_CART' | 'FAILED'; reason: string; problems?: CartProblem[] };

/** The worst problem decides the outcome: missing stock, then a moved price, then a store that did not answer. */
function stopFor(problems: CartProblem[]): Stop {
  const status = problems.some((p) => p.kind === 'OUT_OF_STOCK')
    ? 'OUT_OF_STOCK'
    : problems.some((p) => p.kind === 'PRICE_CHANGED')
      ? 'PRICE_CHANGED'
      : 'FAILED';
  return { status, reason: problems.map((p) => p.message).join('; '), problems };
}

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/**
 * Checkout of a cart (the saga of DESIGN.md): prices re-read server-side, first-party stock held,
 * partner prices confirmed live, payment authorised, partner orders placed, captured, and the order
 * with its shipments recorded — any failure undoes the steps already done, in reverse. Idempotent by
 * key: a repeat gets the first checkout's result, waiting while it runs; one cart checks out once.
 */
export function createCheckoutService(deps: {
  db: Kysely<Database>;
  catalog: CatalogService;
  stores: StoreService;
  offers: OfferService;
  carts: CartService;
  cartCache: CartCache;
  network: PartnerNetwork;
  payments: PaymentProvider;
  addressBook: AddressBook;
  settings: CheckoutSettings;
  onStep?: CheckoutStepHook;
}) {
  const { db, catalog, stores, offers, carts, cartCache, network, payments, settings } = deps;
  const records = createPaymentRecords(db, payments);

  async function validate(access: CartAccess, input: CheckoutInput) {
    const key = idempotencyKeyArgument(input.idempotencyKey);
    checkPaymentToken(input.paymentToken, 'paymentToken');
    // A signed-in shopper's orders are theirs already: only a guest's e-mail is kept.
    const email = access.userId === null && input.email ? normalizeEmail(input.email) : null;
    return { key, email, address: await deps.addressBook.shippingAddress(access.userId, input) };
  }

  /**
   * Enters a step: written down (renewing the lease, with what a settler needs of it) before the saga
   * works outside Folio's database, or in the transaction that is the step. RECORDING is not written
   * apart: it is the record transaction itself, which first checks the saga is still its own.
   */
  async function step(name: CheckoutStep, checkout: CheckoutRow, progress: CheckoutProgress = {}, trx?: Transaction): Promise<void> {
    if (name !== 'RECORDING') await enterStep(trx ?? db, CHECKOUT_SAGA, checkout.id, name, progressColumns(progress));
    await deps.onStep?.(name, checkout);
  }

  /** Prices re-read now: a line no longer offered, or whose price moved from what the cart shows, stops the checkout. */
  async function priceProblems(items: CartItemRow[]): Promise<CartProblem[]> {
    const current = await carts.currentUnitPrices(items);
    return items.flatMap((item, index): CartProblem[] => {
      const now = current[index];
      if (now === null || now === undefined)
        return [{ bookId: item.bookId, storeId: item.storeId, kind: 'OUT_OF_STOCK', message: 'No longer in stock at this store' }];
      if (now !== item.unitPriceCents) {
        return [
          {
            bookId: item.bookId,
            storeId: item.storeId,
            kind: 'PRICE_CHANGED',
            oldPriceCents: item.unitPriceCents,
            newPriceCents: now,
            message: `The price moved from ${dollars(item.unitPriceCents)} to ${dollars(now)}`,
          },
        ];
      }
      return [];
    });
  }

  /** The cart's partner lines with their store and book, read once for the whole checkout. */
  async function partnersOf(items: CartItemRow[]): Promise<PartnerItem[]> {
    const [storeRows, books] = await Promise.all([stores.storesByIds(items.map((item) => item.storeId)), catalog.booksByIds(items.map((item) => item.bookId))]);
    return items.map((item, index) => ({ item, store: storeRows[index]!, book: books[index]! }));
  }

  /** Each partner line's price, asked of its store now. */
  async function confirmPartnerPrices(lines: PartnerItem[]): Promise<CartProblem[]> {
    const answers = await Promise.all(lines.map(({ book, store }) => offers.askStore(book, store, { timeoutMs: CONFIRM_TIMEOUT_MS, source: 'LIVE' })));
    return lines.flatMap(({ item, store }, index) => partnerProblem(item, store, answers[index]!));
  }

  /** Withdraws partner orders already placed for this checkout (a later step failed). */
  function withdrawPlaced(placed: PartnerLine[], lines: PartnerItem[]) {
    const storeOf = (storeId: number) => lines.find((line) => line.store.id === storeId)!.store;
    return Promise.all(placed.map((line) => withdrawUnansweredOrder(db, network, storeOf(line.storeId), line.reference)));
  }

  function partnerProblem(item: CartItemRow, store: StoreRow, answer: Pick<PartnerQuote, 'priceCents' | 'inStock'> | null | 'NO_ANSWER'): CartProblem[] {
    const line = { bookId: item.bookId, storeId: item.storeId };
    if (answer === 'NO_ANSWER') return [{ ...line, kind: 'UNAVAILABLE', message: `${store.name} did not answer in time; nothing was charged, try again` }];
    if (!answer || !answer.inStock) return [{ ...line, kind: 'OUT_OF_STOCK', message: `${store.name} no longer has it in stock` }];
    if (answer.priceCents !== item.unitPriceCents) {
      return [
        {
          ...line,
          kind: 'PRICE_CHANGED',
          oldPriceCents: item.unitPriceCents,
          newPriceCents: answer.priceCents,
          message: `${store.name}'s price moved from ${dollars(item.unitPriceCents)} to ${dollars(answer.priceCents)}`,
        },
      ];
    }
    return [];
  }

  /** Places one partner order per partner line; on the first refusal, cancels those already placed. */
  async function orderFromPartners(
    checkout: CheckoutRow,
    lines: PartnerItem[],
  ): Promise<{ ok: true; lines: PartnerLine[] } | { ok: false; problems: CartProblem[] }> {
    const placed: PartnerLine[] = [];
    for (const [index, { item, store, book }] of lines.entries()) {
      const reference = partnerReferenceOf(checkout.id, index + 1);
      const result = await placePartnerOrder(network, store, {
        isbn13: book.isbn13,
        quantity: item.quantity,
        expectedPriceCents: item.unitPriceCents,
        reference,
        shippingAddress: checkout.shippingAddress,
      });
      if (result.status === 'PLACED') {
        placed.push({
          bookId: item.bookId,
          storeId: store.id,
          quantity: item.quantity,
          unitPriceCents: item.unitPriceCents,
          shippingCents: result.shippingCents,
          partnerOrderId: result.orderId,
          reference,
          delivery: result.delivery,
        });
        continue;
      }
      if (result.status === 'ERROR') await withdrawUnansweredOrder(db, network, store, reference);
      await withdrawPlaced(placed, lines);
      const answer =
        result.status === 'PRICE_CHANGED'
          ? { priceCents: result.currentPriceCents, inStock: true }
          : result.status === 'OUT_OF_STOCK'
            ? null
            : ('NO_ANSWER' as const);
      return { ok: false, problems: partnerProblem(item, store, answer) };
    }
    return { ok: true, lines: placed };
  }

  async function stop(checkout: CheckoutRow, outcome: Stop): Promise<void> {
    await finishCheckout(db, checkout.id, outcome.status, { reason: outcome.reason, problems: outcome.problems });
    if (outcome.problems?.some((p) => p.kind === 'PRICE_CHANGED')) await refreshSnapshots(db, checkout.cartId, outcome.problems);
  }

  /** Everything after the first step; returns how the checkout stopped, or null when the order was placed. */
  async function run(checkout: CheckoutRow, paymentToken: string): Promise<Stop | null> {
    const items = await itemsOfCarts(db, [checkout.cartId]);
    if (items.length === 0) return { status: 'EMPTY_CART', reason: 'The cart is empty' };
    const problems = await priceProblems(items);
    if (problems.length > 0) return stopFor(problems);
    const own = await stores.firstParty();
    const ownItems = items.filter((item) => item.storeId === own.id);
    const partners = await partnersOf(items.filter((item) => item.storeId !== own.id));

    const holder = holderOf(checkout.id);
    const reserved = await db.transaction().execute(async (trx) => {
      await step('RESERVING', checkout, {}, trx);
      return reserveStock(
        trx,
        ownItems.map((item) => ({ bookId: item.bookId, quantity: item.quantity })),
        holder,
        settings.reservationTtlSeconds,
      );
    });
    if (!reserved.ok) {
      return stopFor(
        reserved.shortages.map((shortage) => ({
          bookId: shortage.bookId,
          storeId: own.id,
          kind: 'OUT_OF_STOCK' as const,
          availableQuantity: shortage.available,
          message: shortage.available === 0 ? 'Sold out' : `Only ${shortage.available} left`,
        })),
      );
    }
    // An unexpected failure from here on is undone by settleCheckout, which releases the hold too.
    const outcome = await confirmAndPay(checkout, paymentToken, ownItems, partners, reserved.holds);
    if (outcome) await db.transaction().execute((trx) => releaseReservations(trx, holder));
    return outcome;
  }

  /** Partner prices confirmed live, then the order kit's plan: authorise, order from the partners, capture, record. */
  async function confirmAndPay(
    checkout: CheckoutRow,
    paymentToken: string,
    ownItems: CartItemRow[],
    partners: PartnerItem[],
    holds: Hold[],
  ): Promise<Stop | null> {
    // Only partner lines are confirmed (live, each up to CONFIRM_TIMEOUT_MS): without them there is no such step.
    if (partners.length > 0) {
      await step('CONFIRMING', checkout);
      const live = await confirmPartnerPrices(partners);
      if (live.length > 0) return stopFor(live);
    }
    const subtotal = [...ownItems, ...partners.map((line) => line.item)].reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);
    const shipping = partners.reduce((sum, { item, store }) => sum + storeShippingCents(store, item.unitPriceCents * item.quantity), 0);
    const totalCents = subtotal + shipping;

    let partnerLines: PartnerLine[] = [];
    return payAndOrder<Stop>(
      { db, payments, records },
      {
        payment: {
          token: paymentToken,
          amountCents: totalCents,
          currency: 'USD',
          authorizeKey: authorizeKeyOf(checkout.id),
          captureKey: `checkout-${checkout.id}-capture`,
          owner: { checkoutId: checkout.id },
        },
        enter: (name, paymentReference) =>
          step(
            name,
            checkout,
            name === 'AUTHORIZING'
              ? { totalCents }
              : name === 'ORDERING'
                ? {
                    paymentReference,
                    partnerOrders: partners.map(({ store }, index) => ({ storeId: store.id, reference: partnerReferenceOf(checkout.id, index + 1) })),
                  }
                : undefined,
          ),
        placeOrders: async () => {
          const placed = await orderFromPartners(checkout, partners);
          if (!placed.ok) return stopFor(placed.problems);
          partnerLines = placed.lines;
          return {
            chargedCents: subtotal + partnerLines.reduce((sum, line) => sum + line.shippingCents, 0),
            withdraw: () => withdrawPlaced(partnerLines, partners),
          };
        },
        record: async (trx, paymentReference) => {
          if (!(await stillOurs(trx, CHECKOUT_SAGA, checkout.id))) throw new SettledElsewhereError();
          if (!(await confirmReservations(trx, holderOf(checkout.id), holds.length)))
            return { status: 'FAILED', reason: 'The stock hold ran out before payment completed; the payment was refunded' };
          await recordCheckoutOrder(trx, {
            checkout,
            paymentReference,
            holds,
            own: ownItems.map((item) => ({ bookId: item.bookId, unitPriceCents: item.unitPriceCents })),
            partner: partnerLines,
          });
          return null;
        },
        stops: {
          totalChanged: () => ({ status: 'FAILED', reason: "A partner store's shipping terms changed while ordering; nothing was charged, try again" }),
          notCaptured: { status: 'FAILED', reason: 'The payment could not be captured; nothing was charged' },
        },
      },
    );
  }

  return {
    async checkout(access: CartAccess, input: CheckoutInput): Promise<CheckoutRow | { status: 'EMPTY_CART' }> {
      const { key, address, email } = await validate(access, input);
      const owner = cartOwner(access);
      // Keyed by whose cart it is, not by the cart: a repeat after success finds the result though the cart is gone.
      const scope = `checkout:${'userId' in owner ? `user:${owner.userId}` : `guest:${owner.tokenHash}`}`;
      const fingerprint = fingerprintOf({ paymentToken: input.paymentToken, address, email: email ?? undefined });
      const id = await runOnce(
        db,
        { scope, key, fingerprint, repeatWaitMs: REPEAT_WAIT_MS },
        {
          begin: async (trx) => {
            const cart = await findOpenCart(trx, owner, true);
            // Nothing to check out (a repeat after success finds its result before this: the cart is gone then).
            if (!cart) return null;
            const started = await insertCheckout(trx, { cartId: cart.id, userId: access.userId, idempotencyKey: key, shippingAddress: address, email });
            if (!started) throw new DomainError('CONFLICT', 'This cart is already being checked out; wait for that checkout to finish');
            return started;
          },
          run: async (checkout) => {
            try {
              const outcome = await run(checkout, input.paymentToken);
              if (outcome) await stop(checkout, outcome);
            } catch (error) {
              // Undo what was done at once; if that fails too (the database is away), the settler does it once the lease runs out.
              const [claimed] = await claimUnsettled<CheckoutRow>(db, CHECKOUT_SAGA, { id: checkout.id }).catch(() => []);
              if (claimed) await settleCheckout({ db, payments, network, stores }, claimed).catch(() => undefined);
              throw error;
            } finally {
              await cartCache.forget([owner]);
            }
          },
        },
      );
      if (id === null) return { status: 'EMPTY_CART' };
      const checkout = await findCheckout(db, id);
      if (!checkout) throw new Error(`idempotency key ${key} has no checkout`);
      return checkout;
    },
  };
}

export type CheckoutService = ReturnType<typeof createCheckoutService>;
