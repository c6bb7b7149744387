import type { Kysely } from 'kysely';
import type { Database, Transaction } from '../../db/database.js';
import { DomainError, InvalidInputError } from '../../lib/errors.js';
import type { PartnerQuote } from '../../partners/adapter.js';
import { byKeys } from '../batch.js';
import type { AlertService } from '../alerts/alert-service.js';
import { writeCorrections } from '../alerts/corrections.js';
import { type CatalogService, isbnArgument } from '../catalog/catalog-service.js';
import { landedCents, medianOfOtherStores, storeShippingCents } from '../pricing/landed-price.js';
import { recordObservations } from '../pricing/offer-repository.js';
import type { OfferService } from '../pricing/offer-service.js';
import type { StoreRow } from '../stores/store-repository.js';
import type { StoreService } from '../stores/store-service.js';
import {
  countRecentReports,
  countWatchers,
  findReporter,
  findReportsByIds,
  findReportsOfUser,
  insertReport,
  lockReporter,
  lockUnsettledReport,
  type ReportRow,
  settleReport,
  type Verdict,
} from './report-repository.js';
import { storeConfirms, suspicionsOf, trustOf } from './report-trust.js';
import { enqueue } from '../../jobs/kit.js';
import { verifyPriceTask } from '../../jobs/reports/verify-price.js';

export interface ReportPriceInput {
  isbn: string;
  storeId: number;
  priceCents: number;
  inStock?: boolean | null;
  observedAt?: Date | null;
  url?: string | null;
}

export interface ReportSettings {
  /** Reports one shopper may send per hour. */
  limitPerHour: number;
}

/** No book sells for more: anything above is a typo, not a price. */
const MAX_REPORT_CENTS = 1_000_000;
/** A price seen longer ago than this says little about today's. */
const MAX_REPORT_AGE_MS = 72 * 3_600_000;
/** Phones' clocks run a little fast. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Verification attempts (graphile-worker backs off between them: all within about a minute and a half). */
export const VERIFY_ATTEMPTS = 5;
const VERIFY_TIMEOUT_MS = 5_000;
/** Job priorities: suspicious reports go ahead of other general jobs; spot checks of believed ones after them. */
const URGENT = -10;
const SPOT_CHECK = 10;

export type VerifyOutcome = 'CONFIRMED' | 'REJECTED' | 'UNREACHABLE' | 'SETTLED';

export class StoreUnreachableError extends Error {}

function validate(input: ReportPriceInput, now: number): void {
  if (!Number.isSafeInteger(input.priceCents) || input.priceCents < 1 || input.priceCents > MAX_REPORT_CENTS) {
    throw new InvalidInputError(`priceCents must be a whole number of cents from 1 to ${MAX_REPORT_CENTS}`, { field: 'priceCents' });
  }
  const observed = input.observedAt?.getTime();
  if (observed !== undefined && observed > now + CLOCK_SKEW_MS) throw new InvalidInputError('observedAt is in the future', { field: 'observedAt' });
  if (observed !== undefined && observed < now - MAX_REPORT_AGE_MS) {
    throw new InvalidInputError('observedAt is more than 72 hours ago: report prices you saw recently', { field: 'observedAt' });
  }
  if (input.url != null && !(input.url.length <= 2048 && /^https?:\/\/\S+$/.test(input.url))) {
    throw new InvalidInputError('url must be an http(s) URL', { field: 'url' });
  }
}

/**
 * Shoppers' price reports ("I saw it for $8 at Bookshop X"). A report is checked, counted against the
 * reporter's hourly allowance and judged by their record: a trusted reporter's ordinary report updates
 * the offer at once (and is spot-checked with the store later); a suspicious one — low trust, a large
 * drop, a book many alerts watch — changes nothing and notifies no one until the store itself confirms
 * it, which a priority verify_price job asks within moments. A report the store contradicts is
 * rejected, costs the reporter trust, and — if it had been believed — corrects whoever it notified.
 */
export function createReportService(deps: {
  db: Kysely<Database>;
  catalog: CatalogService;
  stores: StoreService;
  offers: OfferService;
  alerts: AlertService;
  settings: ReportSettings;
}) {
  const { db, catalog, stores, offers, alerts, settings } = deps;

  async function target(input: ReportPriceInput) {
    const isbn13 = isbnArgument(input.isbn);
    const [[book], [store]] = await Promise.all([catalog.booksByIsbn13([isbn13]), stores.storesByIds([input.storeId])]);
    if (!book) throw new InvalidInputError(`No book with ISBN ${isbn13} is listed`, { field: 'isbn' });
    if (!store || store.kind !== 'PARTNER' || !store.enabled) {
      throw new InvalidInputError('storeId must be a partner store Folio compares (see the stores query)', { field: 'storeId' });
    }
    return { book, store };
  }

  /** The price a report is measured against: the store's own in-stock offer, or else the other stores' median. */
  async function usualPrice(trx: Transaction, bookId: number, storeId: number): Promise<number | null> {
    const current = await trx.selectFrom('offers').select(['storeId', 'priceCents', 'shippingCents', 'inStock']).where('bookId', '=', bookId).execute();
    const own = current.find((offer) => offer.storeId === storeId && offer.inStock);
    return own ? landedCents(own) : medianOfOtherStores(current, storeId);
  }

  async function file(trx: Transaction, userId: number, input: ReportPriceInput, book: { id: number }, store: StoreRow): Promise<ReportRow> {
    const record = await lockReporter(trx, userId);
    if ((await countRecentReports(trx, userId, 3_600)) >= settings.limitPerHour) {
      throw new DomainError('RATE_LIMITED', `At most ${settings.limitPerHour} price reports per hour; thank you, and try again later`);
    }
    const inStock = input.inStock ?? true;
    const shippingCents = storeShippingCents(store, input.priceCents);
    const trust = trustOf(record);
    const suspicion = suspicionsOf({
      trust,
      reportedCents: inStock ? input.priceCents + shippingCents : null,
      usualCents: await usualPrice(trx, book.id, store.id),
      watchers: await countWatchers(trx, book.id),
    });
    const report = await insertReport(trx, {
      userId,
      bookId: book.id,
      storeId: store.id,
      priceCents: input.priceCents,
      shippingCents,
      inStock,
      observedAt: input.observedAt ?? new Date(),
      url: input.url ?? null,
      status: suspicion.length > 0 ? 'PENDING_VERIFICATION' : 'ACCEPTED',
      suspicion,
      trustAtReport: trust,
    });
    if (report.status === 'ACCEPTED') {
      await recordObservations(
        trx,
        book.id,
        [
          {
            storeId: store.id,
            priceCents: report.priceCents,
            shippingCents,
            currency: 'USD',
            inStock,
            observedAt: report.observedAt,
            source: 'REPORT',
          },
        ],
        [],
        { history: false },
      );
    }
    await enqueue(
      trx,
      verifyPriceTask,
      { reportId: report.id },
      { jobKey: `verify_price:${report.id}`, maxAttempts: VERIFY_ATTEMPTS, priority: report.status === 'ACCEPTED' ? SPOT_CHECK : URGENT },
    );
    return report;
  }

  /** The verdict on a report, given what the store said (null: it does not carry the book). */
  function judge(report: ReportRow, quote: PartnerQuote | null): Verdict {
    const answer = { verifiedPriceCents: quote?.priceCents ?? null, verifiedInStock: quote?.inStock ?? null };
    if (storeConfirms(report, quote)) return { status: 'ACCEPTED', ...answer, reason: null, confirmed: true };
    const said = !quote ? 'does not list this book' : !quote.inStock ? 'has it out of stock' : `asks $${(quote.priceCents / 100).toFixed(2)}`;
    return { status: 'REJECTED', ...answer, reason: `The store ${said}`, confirmed: false };
  }

  /** After the last attempt with no answer: a held report is dropped (no one is blamed); a believed one stands. */
  function unverifiable(report: ReportRow): Verdict {
    return report.status === 'PENDING_VERIFICATION'
      ? { status: 'REJECTED', verifiedPriceCents: null, verifiedInStock: null, reason: 'The store could not be reached to confirm it', confirmed: null }
      : { status: 'ACCEPTED', verifiedPriceCents: null, verifiedInStock: null, reason: 'Not confirmed: the store could not be reached', confirmed: null };
  }

  return {
    async submit(userId: number, input: ReportPriceInput): Promise<ReportRow> {
      validate(input, Date.now());
      const { book, store } = await target(input);
      const report = await db.transaction().execute((trx) => file(trx, userId, input, book, store));
      if (report.status === 'ACCEPTED') await offers.invalidate([book.id]);
      return report;
    },

    /**
     * The verify_price job: asks the store itself (ahead of scheduled refreshes; its answer is recorded
     * like any live look-up, so offers show the store's real price either way) and settles the report.
     * Throws StoreUnreachableError to be retried while attempts remain.
     */
    async verify(reportId: number, lastAttempt: boolean): Promise<VerifyOutcome> {
      const [report] = await findReportsByIds(db, [reportId]);
      if (!report || report.verifiedAt !== null || report.status === 'REJECTED') return 'SETTLED';
      const [[book], [store]] = await Promise.all([catalog.booksByIds([report.bookId]), stores.storesByIds([report.storeId])]);
      const quote = book && store ? await offers.askStore(book, store, { timeoutMs: VERIFY_TIMEOUT_MS, source: 'VERIFY' }) : 'NO_ANSWER';
      if (quote === 'NO_ANSWER' && !lastAttempt) throw new StoreUnreachableError(`store ${report.storeId} did not answer`);
      const outcome = await db.transaction().execute(async (trx) => {
        const unsettled = await lockUnsettledReport(trx, reportId);
        if (!unsettled) return { outcome: 'SETTLED' as const, corrections: [] };
        const verdict = quote === 'NO_ANSWER' ? unverifiable(unsettled) : judge(unsettled, quote);
        await settleReport(trx, unsettled, verdict);
        if (verdict.confirmed === null) return { outcome: 'UNREACHABLE' as const, corrections: [] };
        if (verdict.confirmed) return { outcome: 'CONFIRMED' as const, corrections: [] };
        const actual = quote !== 'NO_ANSWER' && quote ? landedCents(quote) : null;
        const corrections = await writeCorrections(trx, { id: reportId, bookId: unsettled.bookId, reportedCents: landedCents(unsettled), actualCents: actual });
        return { outcome: 'REJECTED' as const, corrections };
      });
      await alerts.announce(outcome.corrections);
      return outcome.outcome;
    },

    async byIds(ids: readonly number[]): Promise<(ReportRow | null)[]> {
      if (ids.length === 0) return [];
      return byKeys(ids, await findReportsByIds(db, ids), (row) => row.id);
    },

    ofUser: (userId: number, limit: number) => findReportsOfUser(db, userId, limit),

    async reporter(userId: number) {
      const record = await findReporter(db, userId);
      return { ...record, trust: trustOf(record) };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
