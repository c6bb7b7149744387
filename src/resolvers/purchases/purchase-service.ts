import type { Kysely } from 'kysely';
import type { BookFormat, Database, PurchaseStatus } from '../../db/database.js';
import type { Address } from '../../lib/address.js';
import { DomainError, InvalidInputError } from '../../lib/errors.js';
import { purchaseSteps } from '../../lib/metrics.js';
import type { PartnerNetwork } from '../../partners/network.js';
import { createPaymentRecords } from '../../payments/payment-records.js';
import { checkPaymentToken, type PaymentProvider } from '../../payments/provider.js';
import type { AddressBook } from '../accounts/address-book.js';
import type { AlertService } from '../alerts/alert-service.js';
import type { BookRow } from '../catalog/catalog-repository.js';
import type { BookDiscovery } from '../catalog/book-discovery.js';
import { type CatalogService, isbnArgument } from '../catalog/catalog-service.js';
import { offerToJson, type OfferRow } from '../pricing/offer-repository.js';
import { landedCents, medianOfOtherStores } from '../pricing/landed-price.js';
import { placePartnerOrder, withdrawUnansweredOrder } from '../orders/partner-orders.js';
import type { OfferService } from '../pricing/offer-service.js';
import type { StoreRow } from '../stores/store-repository.js';
import type { StoreService } from '../stores/store-service.js';
import { fingerprintOf, idempotencyKeyArgument } from '../../lib/idempotency.js';
import {
  createPurchaseRequest,
  countRecentPurchases,
  finishPurchaseRequest,
  findPurchaseRequest,
  PURCHASE_SAGA,
  type PurchaseRequestRow,
  type PurchaseStep,
  recordPartnerOrder,
  updatePurchaseRequest,
} from './purchase-repository.js';
import type { ShipmentDelivery } from '../../orders/create-order.js';
import { payAndOrder } from '../../orders/pay-and-order.js';
import { enterStep, runOnce, SettledElsewhereError } from '../../orders/saga.js';

export interface PurchaseInput {
  isbn: string;
  maxPriceCents: number;
  paymentToken: string;
  idempotencyKey: string;
  /** Where the book goes: this address, or the saved one addressId names (one of the two is required). */
  shippingAddress?: unknown;
  addressId?: number | null;
  maxWaitMs?: number | null;
  anyEdition?: boolean | null;
  formats?: BookFormat[] | null;
  /** Above the maximum: set an auto-buy watch at it instead of forgetting. */
  keepWatching?: boolean | null;
}

export interface PurchaseSettings {
  /** Purchases (bought or running) a user may make per window. */
  limit: number;
  windowSeconds: number;
  /** Offers older than this are asked for live before comparing. */
  freshnessSeconds: number;
}

export type { PurchaseStep } from './purchase-repository.js';

/** Lets a test stop the process between steps, to prove an interrupted purchase is settled. */
export type StepHook = (step: PurchaseStep, request: PurchaseRequestRow) => void | Promise<void>;

export const DEFAULT_MAX_WAIT_MS = 3_000;
/** Of maxWaitMs, kept back from comparing for the order itself (the partner's answer, payment, the record). */
const ORDER_RESERVE_MS = 250;
/** An offer younger than this is bought without asking the store first (the order checks the price). */
const FRESH_ENOUGH_MS = 30_000;
/** How long one live look-up of a price may take. */
const CONFIRM_TIMEOUT_MS = 2_000;
/** Cheapest offers tried in turn when a live confirmation disagrees. */
const MAX_CANDIDATES = 3;
/** A book price below this share of the other stores' median needs a second confirmation. */
const OUTLIER_SHARE = 0.6;
const LEASE_MS = PURCHASE_SAGA.leaseSeconds * 1000;

type BuyOutcome =
  | { status: Exclude<PurchaseStatus, 'IN_PROGRESS'>; reason: string | null }
  /**
   * The store's live price or stock differed at order time: everything was undone, the next offer may be
   * tried. `livePriceCents`: the price the store quoted when it refused, to rank it again by.
   */
  | { status: 'TRY_NEXT'; reason: string; livePriceCents?: number };

/** Who pays and where the book goes. */
interface Payer {
  paymentToken: string;
  shippingAddress: Address;
}

interface Candidate {
  book: BookRow;
  store: StoreRow;
  offer: OfferRow;
}

export function createPurchaseService(deps: {
  db: Kysely<Database>;
  catalog: CatalogService;
  discovery: BookDiscovery;
  offers: OfferService;
  stores: StoreService;
  network: PartnerNetwork;
  payments: PaymentProvider;
  alerts: Pick<AlertService, 'prepareWatch' | 'saveWatch'>;
  addressBook: AddressBook;
  settings: PurchaseSettings;
  onStep?: StepHook;
}) {
  const { db, catalog, offers, stores, network, payments, alerts, settings } = deps;
  const records = createPaymentRecords(db, payments);
  const stepClocks = new WeakMap<PurchaseRequestRow, { step: PurchaseStep; startedAt: number }>();
  /** The step just left gets its time recorded (folio_purchase_step_duration_seconds). */
  const leaveStep = (request: PurchaseRequestRow) => {
    const clock = stepClocks.get(request);
    if (clock) purchaseSteps.observe({ step: clock.step }, (performance.now() - clock.startedAt) / 1000);
    stepClocks.delete(request);
  };
  const step = async (name: PurchaseStep, request: PurchaseRequestRow) => {
    leaveStep(request);
    stepClocks.set(request, { step: name, startedAt: performance.now() });
    await enterStep(db, PURCHASE_SAGA, request.id, name);
    await deps.onStep?.(name, request);
  };

  /** Checks the input before anything is written: a bad request changes nothing. */
  async function validate(userId: number, input: PurchaseInput) {
    const address = await deps.addressBook.shippingAddress(userId, input);
    const isbn13 = isbnArgument(input.isbn);
    if (!Number.isSafeInteger(input.maxPriceCents) || input.maxPriceCents <= 0 || input.maxPriceCents > 100_000_00) {
      throw new InvalidInputError('maxPriceCents must be a whole number of cents from 1 to 10000000', { field: 'maxPriceCents' });
    }
    checkPaymentToken(input.paymentToken, 'paymentToken');
    const key = idempotencyKeyArgument(input.idempotencyKey);
    const maxWaitMs = input.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    if (!Number.isInteger(maxWaitMs) || maxWaitMs < 0 || maxWaitMs > 30_000) {
      throw new InvalidInputError('maxWaitMs must be from 0 to 30000', { field: 'maxWaitMs' });
    }
    // A book Folio does not list yet is looked for at the partners within the shopper's wait.
    const book = await deps.discovery.require(isbn13, maxWaitMs);
    const formats = input.formats?.length ? [...new Set(input.formats)].sort() : null;
    return { book, isbn13, key, maxWaitMs, formats, anyEdition: input.anyEdition ?? false, address, keepWatching: input.keepWatching ?? false };
  }

  type Checked = Awaited<ReturnType<typeof validate>>;

  /** The book, or with anyEdition every edition of its work in an acceptable format. */
  async function candidateBooks(book: BookRow, anyEdition: boolean, formats: BookFormat[] | null): Promise<BookRow[]> {
    const books = anyEdition ? ((await catalog.editionsOfWorks([book.workId]))[0] ?? [book]) : [book];
    return books.filter((edition) => !formats || formats.includes(edition.format));
  }

  /** Cached offers, with the stale ones asked for live within the deadline; in-stock offers by total. */
  async function compare(books: BookRow[], deadline: number) {
    const outcomes = await Promise.all(books.map((book) => offers.refreshStale(book, settings.freshnessSeconds, deadline)));
    const lists = await offers.offersOfBooks(books.map((book) => book.id));
    const seen = lists.flat();
    const ranked = seen.filter((offer) => offer.inStock).sort((a, b) => landedCents(a) - landedCents(b) || a.storeId - b.storeId);
    return {
      seen,
      ranked,
      storesAsked: outcomes.reduce((sum, outcome) => sum + outcome.asked, 0),
      storesAnswered: outcomes.reduce((sum, outcome) => sum + outcome.answered, 0),
    };
  }

  const confirm = (book: BookRow, store: StoreRow) => offers.askStore(book, store, { timeoutMs: CONFIRM_TIMEOUT_MS, source: 'LIVE' });

  /**
   * Gets an offer ready to buy at the store's live price. An offer the store gave moments ago is bought
   * as it is: the partner order carries the expected price and the store refuses it if the price has
   * moved, so nothing is captured at a stale price. An older offer is asked for live first (prices move
   * every minute, and a refused order would cost the shopper a second hold). A price far below the other
   * stores' median is asked for twice and must hold both times.
   */
  async function prepare(offer: OfferRow, candidate: Candidate, ranked: OfferRow[]): Promise<Candidate | string> {
    const outlier = isOutlier(offer, ranked);
    if (!outlier && Date.now() - offer.fetchedAt.getTime() <= FRESH_ENOUGH_MS) return candidate;
    const first = await confirm(candidate.book, candidate.store);
    if (first === 'NO_ANSWER' || !first || !first.inStock) {
      return `${candidate.store.name} ${first === 'NO_ANSWER' ? 'did not answer in time' : 'no longer has it in stock'}`;
    }
    if (outlier) {
      const second = await confirm(candidate.book, candidate.store);
      if (second === 'NO_ANSWER' || !second || second.priceCents !== first.priceCents || !second.inStock) {
        return `${candidate.store.name}'s price of ${cents(landedCents(offer))} is far below the other stores and could not be confirmed twice`;
      }
    }
    return { ...candidate, offer: { ...offer, priceCents: first.priceCents, shippingCents: first.shippingCents } };
  }

  /** The chosen offer bought as a plan of the order kit: authorise, order from the partner, capture, record. */
  async function buy(request: PurchaseRequestRow, chosen: Candidate, payer: Payer, attempt: number): Promise<BuyOutcome> {
    const amount = landedCents(chosen.offer);
    if (amount > request.maxPriceCents) return { status: 'TRY_NEXT', reason: `${chosen.store.name}'s price is now ${cents(amount)}` };
    const reference = partnerReference(request.id);
    const { store } = chosen;
    let partner = { orderId: '', delivery: { carrier: null, estimatedDelivery: null } as ShipmentDelivery };
    const stop = await payAndOrder<BuyOutcome>(
      { db, payments, records },
      {
        payment: {
          token: payer.paymentToken,
          amountCents: amount,
          currency: chosen.offer.currency,
          authorizeKey: authorizationKey(request.id, attempt),
          captureKey: `purchase-${request.id}-capture`,
          owner: { purchaseRequestId: request.id },
        },
        enter: async (name, paymentReference) => {
          if (paymentReference) await updatePurchaseRequest(db, request.id, { paymentReference });
          await step(name, request);
        },
        placeOrders: async () => {
          const placed = await placePartnerOrder(network, store, {
            isbn13: chosen.book.isbn13,
            quantity: 1,
            expectedPriceCents: chosen.offer.priceCents,
            reference,
            shippingAddress: payer.shippingAddress,
          });
          if (placed.status === 'PLACED') {
            partner = placed;
            await updatePurchaseRequest(db, request.id, { partnerOrderId: placed.orderId });
            return { chargedCents: placed.totalCents, withdraw: () => withdrawUnansweredOrder(db, network, store, reference) };
          }
          if (placed.status === 'ERROR') await withdrawUnansweredOrder(db, network, store, reference);
          return placed.status === 'PRICE_CHANGED'
            ? {
                status: 'TRY_NEXT',
                reason: `${store.name}'s price had moved to ${cents(placed.currentPriceCents)} when the order was placed`,
                livePriceCents: placed.currentPriceCents,
              }
            : placed.status === 'OUT_OF_STOCK'
              ? { status: 'TRY_NEXT', reason: `${store.name} had run out of stock when the order was placed` }
              : { status: 'FAILED', reason: `${store.name} could not take the order (${placed.reason}); nothing was charged` };
        },
        record: async (trx, paymentReference) => {
          await recordPartnerOrder(trx, {
            request,
            userId: request.userId,
            bookId: chosen.book.id,
            storeId: store.id,
            priceCents: chosen.offer.priceCents,
            shippingCents: chosen.offer.shippingCents,
            paymentReference,
            partnerOrderId: partner.orderId,
            partnerReference: reference,
            delivery: partner.delivery,
          });
          return null;
        },
        stops: {
          totalChanged: (charged) => ({ status: 'TRY_NEXT', reason: `${store.name}'s total had moved to ${cents(charged)} when the order was placed` }),
          notCaptured: { status: 'FAILED', reason: 'The payment could not be captured; the partner order was cancelled and nothing was charged' },
        },
      },
    );
    return stop ?? { status: 'PURCHASED', reason: null };
  }

  /**
   * Above the maximum with keepWatching: the outcome and the auto-buy watch that carries the purchase on
   * are written in one transaction, so a request sets one watch, ever, and a repeat of it finds that one.
   */
  async function watchInstead(request: PurchaseRequestRow, input: Checked, payer: Payer, reason: string): Promise<void> {
    const watch = await alerts.prepareWatch(request.userId, {
      isbn13: input.isbn13,
      anyEdition: input.anyEdition,
      formats: input.formats,
      maxPriceCents: request.maxPriceCents,
      ...payer,
    });
    await db.transaction().execute(async (trx) => {
      const watchAlertId = await alerts.saveWatch(trx, watch);
      const finished = await finishPurchaseRequest(trx, request.id, 'PRICE_ABOVE_MAX', `${reason}; watching for ${cents(request.maxPriceCents)} or less`, {
        watchAlertId,
      });
      // A settler ended the request first: no watch without the outcome that set it.
      if (!finished) throw new SettledElsewhereError();
    });
  }

  async function run(request: PurchaseRequestRow, input: Checked, payer: Payer): Promise<void> {
    const started = Date.now();
    const deadline = started + Math.max(0, input.maxWaitMs - ORDER_RESERVE_MS);
    const books = await candidateBooks(input.book, input.anyEdition, input.formats);
    if (books.length === 0) {
      await finishPurchaseRequest(db, request.id, 'NOT_AVAILABLE', 'No edition in the requested formats');
      return;
    }
    await step('COMPARING', request);
    const comparison = await compare(books, deadline);
    const lowest = comparison.ranked[0];
    await updatePurchaseRequest(db, request.id, {
      storesAsked: comparison.storesAsked,
      storesAnswered: comparison.storesAnswered,
      offers: JSON.stringify(comparison.seen.map(offerToJson)),
      lowestTotalCents: lowest ? landedCents(lowest) : null,
    });
    if (!lowest) {
      await finishPurchaseRequest(db, request.id, 'NOT_AVAILABLE', 'No store has it in stock');
      return;
    }
    if (landedCents(lowest) > request.maxPriceCents) {
      const reason = `The lowest price is ${cents(landedCents(lowest))}`;
      if (input.keepWatching) await watchInstead(request, input, payer, reason);
      else await finishPurchaseRequest(db, request.id, 'PRICE_ABOVE_MAX', reason);
      return;
    }
    await step('CONFIRMING', request);
    const partners = new Map((await stores.partners()).map((store) => [store.id, store]));
    const booksById = new Map(books.map((book) => [book.id, book]));
    const queue = comparison.ranked.filter((offer) => landedCents(offer) <= request.maxPriceCents && partners.has(offer.storeId));
    const tried: string[] = [];
    let attempt = 0;
    for (let examined = 0; examined < MAX_CANDIDATES && queue.length > 0; examined++) {
      const offer = queue.shift()!;
      const prepared = await prepare(offer, { book: booksById.get(offer.bookId)!, store: partners.get(offer.storeId)!, offer }, comparison.ranked);
      if (typeof prepared === 'string') {
        tried.push(prepared);
        continue;
      }
      await updatePurchaseRequest(db, request.id, {
        chosenBookId: prepared.book.id,
        chosenStoreId: prepared.store.id,
        priceCents: prepared.offer.priceCents,
        shippingCents: prepared.offer.shippingCents,
      });
      const outcome = await buy(request, prepared, payer, ++attempt);
      if (outcome.status === 'TRY_NEXT') {
        tried.push(outcome.reason);
        if (outcome.livePriceCents !== undefined)
          rankAgain(queue, { ...prepared.offer, priceCents: outcome.livePriceCents, fetchedAt: new Date() }, request.maxPriceCents);
        continue;
      }
      if (outcome.status !== 'PURCHASED') await finishPurchaseRequest(db, request.id, outcome.status, outcome.reason);
      return;
    }
    await finishPurchaseRequest(
      db,
      request.id,
      'PRICE_UNCONFIRMED',
      `No price at or below the maximum held when checked live; nothing was charged: ${tried.join('; ')}`,
    );
  }

  return {
    /**
     * Buys the book from the cheapest store at or below the maximum, or says what the lowest price is.
     * Idempotent by key: a repeat gets the first request's result (waiting while it runs).
     */
    async purchaseBook(userId: number, input: PurchaseInput): Promise<PurchaseRequestRow> {
      const checked = await validate(userId, input);
      const scope = `purchaseBook:${userId}`;
      const fingerprint = fingerprintOf({
        ...input,
        idempotencyKey: undefined,
        isbn: checked.isbn13,
        formats: checked.formats,
        maxWaitMs: checked.maxWaitMs,
        anyEdition: checked.anyEdition,
        shippingAddress: checked.address,
        keepWatching: checked.keepWatching,
      });
      const id = await runOnce(
        db,
        { scope, key: checked.key, fingerprint, repeatWaitMs: checked.maxWaitMs + LEASE_MS / 4 },
        {
          begin: async (trx) => {
            if ((await countRecentPurchases(trx, userId, settings.windowSeconds)) >= settings.limit) {
              throw new DomainError('RATE_LIMITED', `At most ${settings.limit} purchases per ${settings.windowSeconds / 60} minutes; try again later`);
            }
            return createPurchaseRequest(trx, {
              userId,
              idempotencyKey: checked.key,
              bookId: checked.book.id,
              maxPriceCents: input.maxPriceCents,
              anyEdition: checked.anyEdition,
              formats: checked.formats,
              maxWaitMs: checked.maxWaitMs,
              leaseUntil: new Date(Date.now() + LEASE_MS),
              shippingAddress: JSON.stringify(checked.address),
            });
          },
          run: async (request) => {
            try {
              await run(request, checked, { paymentToken: input.paymentToken, shippingAddress: checked.address });
            } catch (error) {
              // Slower than its lease: the reconciler has it, and the answer is the request as it stands.
              if (!(error instanceof SettledElsewhereError)) throw error;
            } finally {
              leaveStep(request);
            }
          },
        },
      );
      const request = await findPurchaseRequest(db, id!);
      if (!request) throw new Error(`idempotency key ${checked.key} has no purchase request`);
      return request;
    },

    findRequest: (id: number) => findPurchaseRequest(db, id),
  };
}

export type PurchaseService = ReturnType<typeof createPurchaseService>;

/** Each offer tried gets its own authorisation; the reconciler looks for all of them. */
export function authorizationKey(requestId: number, attempt: number): string {
  return `purchase-${requestId}-authorize-${attempt}`;
}

export const MAX_PURCHASE_ATTEMPTS = MAX_CANDIDATES;

export function partnerReference(requestId: number): string {
  return `folio-purchase-${requestId}`;
}

/**
 * A store that refused its old price told us its new one: it stays a candidate at that price if it is
 * still within the maximum, in its place among the others (it may well still be the cheapest).
 */
function rankAgain(queue: OfferRow[], offer: OfferRow, maxPriceCents: number): void {
  if (landedCents(offer) > maxPriceCents) return;
  const at = queue.findIndex((other) => landedCents(other) > landedCents(offer));
  queue.splice(at < 0 ? queue.length : at, 0, offer);
}

/**
 * The book's own price far below the other stores' (shipping left out: a store that ships free is often
 * cheapest by far on a cheap book, and that is no reason to doubt its price).
 */
function isOutlier(offer: OfferRow, ranked: OfferRow[]): boolean {
  const median = medianOfOtherStores(ranked, offer.storeId, (other) => other.priceCents);
  return median !== null && offer.priceCents < median * OUTLIER_SHARE;
}

function cents(amount: number): string {
  return `$${(amount / 100).toFixed(2)}`;
}
