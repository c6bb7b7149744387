import type { PubSub } from 'graphql-yoga';
import type { Kysely } from 'kysely';
import pLimit from 'p-limit';
import type { AlertChannel, AlertRule, BookFormat, Database, Transaction } from '../../db/database.js';
import type { FolioEvents } from '../../lib/events.js';
import { type Address, parseAddress } from '../../lib/address.js';
import { InvalidInputError } from '../../lib/errors.js';
import { checkPaymentToken } from '../../payments/provider.js';
import { byKeys, groupByKeys } from '../batch.js';
import { type BookDiscovery, DEFAULT_DISCOVERY_WAIT_MS } from '../catalog/book-discovery.js';
import { isbnArgument } from '../catalog/catalog-service.js';
import type { OfferService } from '../pricing/offer-service.js';
import { type AlertRow, conditionHolds, evaluateAlerts, type PriceDropEvent, queueEvaluation } from './alert-evaluation.js';
import { emailOfUser, insertAlert, type NewAlert } from './alert-repository.js';
import { type DeliverySettings, deliverNotification, newWebhookSecret } from './notification-delivery.js';
import { internalUrlReason } from '../../lib/public-address.js';
import { type QuietHours, validateQuietHours } from './quiet-hours.js';

export interface CreateAlertInput {
  isbn: string;
  rule: AlertRule;
  anyEdition?: boolean | null;
  thresholdCents?: number | null;
  dropPercent?: number | null;
  storeId?: number | null;
  channels: AlertChannel[];
  webhookUrl?: string | null;
  expiresAt?: Date | null;
  /**
   * shippingAddress is required with autoBuy; it is optional here only as the API's input is. formats
   * (null: any) is set only by a keepWatching purchase, so that its watch buys what it would have.
   */
  autoBuy?: { maxPriceCents: number; paymentToken: string; shippingAddress?: unknown; formats?: BookFormat[] | null } | null;
  minChangeCents?: number | null;
  quietHours?: QuietHours | null;
}

/** ISBNs one importWatchlist call accepts. */
const MAX_WATCHLIST = 1_000;
/** Unknown ISBNs of one import asked of the partners at once. */
const DISCOVERIES_AT_ONCE = 16;

export function createAlertService(
  db: Kysely<Database>,
  discovery: BookDiscovery,
  offers: OfferService,
  events: PubSub<FolioEvents>,
  settings: DeliverySettings,
) {
  /** The lowest in-stock landed price now (at the store, if the alert has one). */
  async function currentPrice(bookId: number, storeId: number | null): Promise<number | null> {
    const [list] = await offers.offersOfBooks([bookId]);
    const totals = (list ?? [])
      .filter((offer) => offer.inStock && (storeId === null || offer.storeId === storeId))
      .map((offer) => offer.priceCents + offer.shippingCents);
    return totals.length ? Math.min(...totals) : null;
  }

  /** Checks the input; returns where auto-buy ships (null without auto-buy). */
  function validate(input: CreateAlertInput): Address | null {
    if (input.channels.length === 0) throw new InvalidInputError('Give at least one channel', { field: 'channels' });
    if ((input.rule === 'BELOW' || input.rule === 'RISE') && !(Number.isSafeInteger(input.thresholdCents) && input.thresholdCents! > 0)) {
      throw new InvalidInputError(`${input.rule} needs thresholdCents, a whole number of cents above 0`, { field: 'thresholdCents' });
    }
    if (input.rule === 'DROP_PERCENT' && !(Number.isInteger(input.dropPercent) && input.dropPercent! >= 1 && input.dropPercent! <= 99)) {
      throw new InvalidInputError('DROP_PERCENT needs dropPercent from 1 to 99', { field: 'dropPercent' });
    }
    if (input.channels.includes('WEBHOOK') && !/^https?:\/\/\S+$/.test(input.webhookUrl ?? '')) {
      throw new InvalidInputError('The WEBHOOK channel needs webhookUrl, an http(s) URL', { field: 'webhookUrl' });
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw new InvalidInputError('expiresAt must be in the future', { field: 'expiresAt' });
    if (input.minChangeCents != null && !(Number.isSafeInteger(input.minChangeCents) && input.minChangeCents >= 0)) {
      throw new InvalidInputError('minChangeCents must be a whole number of cents, 0 or more', { field: 'minChangeCents' });
    }
    if (input.quietHours) validateQuietHours(input.quietHours);
    if (input.autoBuy) {
      if (!(Number.isSafeInteger(input.autoBuy.maxPriceCents) && input.autoBuy.maxPriceCents > 0)) {
        throw new InvalidInputError('autoBuy.maxPriceCents must be a whole number of cents above 0', { field: 'autoBuy.maxPriceCents' });
      }
      checkPaymentToken(input.autoBuy.paymentToken, 'autoBuy.paymentToken');
      return parseAddress(input.autoBuy.shippingAddress, 'autoBuy.shippingAddress');
    }
    return null;
  }

  /** The alert, checked and priced against the offers now, ready to be written. */
  async function prepare(userId: number, input: CreateAlertInput, discoveryWaitMs = DEFAULT_DISCOVERY_WAIT_MS): Promise<NewAlert> {
    const isbn13 = isbnArgument(input.isbn);
    const autoBuyAddress = validate(input);
    if (input.webhookUrl && input.channels.includes('WEBHOOK') && !settings.webhooksMayReachPrivate) {
      const reason = await internalUrlReason(input.webhookUrl);
      if (reason) throw new InvalidInputError(`webhookUrl must be reachable on the public internet: ${reason}`, { field: 'webhookUrl' });
    }
    const book = await discovery.require(isbn13, discoveryWaitMs);
    const storeId = input.storeId ?? null;
    const reference = await currentPrice(book.id, storeId);
    if (input.rule === 'DROP_PERCENT' && reference === null) {
      throw new InvalidInputError('No store has this book in stock now, so there is no price to measure a drop from; use BELOW or BACK_IN_STOCK', {
        field: 'rule',
      });
    }
    const rule = { rule: input.rule, thresholdCents: input.thresholdCents ?? null, dropPercent: input.dropPercent ?? null, referenceCents: reference };
    return {
      userId,
      bookId: book.id,
      workId: input.anyEdition ? book.workId : null,
      storeId,
      ...rule,
      channels: [...new Set(input.channels)],
      webhookUrl: input.webhookUrl ?? null,
      webhookSecret: input.channels.includes('WEBHOOK') ? newWebhookSecret() : null,
      minChangeCents: input.minChangeCents ?? 0,
      quietHours: input.quietHours ? JSON.stringify(input.quietHours) : null,
      autoBuyMaxCents: input.autoBuy?.maxPriceCents ?? null,
      autoBuyToken: input.autoBuy?.paymentToken ?? null,
      autoBoughtOrderId: null,
      autoBuyShippingAddress: autoBuyAddress && JSON.stringify(autoBuyAddress),
      autoBuyFormats: input.autoBuy?.formats ?? null,
      // Already true when set (in stock now, already below): it waits for the next change into the condition.
      armed: !conditionHolds(rule, reference),
      lastNotifiedCents: null,
      lastNotifiedAt: null,
      expiresAt: input.expiresAt ?? null,
      createdAt: new Date(),
      deletedAt: null,
    };
  }

  return {
    /** `discoveryWaitMs`: how long to wait for the partners when Folio does not list the book yet. */
    create: async (userId: number, input: CreateAlertInput, discoveryWaitMs = DEFAULT_DISCOVERY_WAIT_MS): Promise<AlertRow> =>
      insertAlert(db, await prepare(userId, input, discoveryWaitMs)),

    /**
     * The watch a keepWatching purchase above its maximum leaves behind: BELOW the maximum, auto-buying at
     * it with the purchase's token, address and editions, telling the shopper by subscription and — when
     * the account has an e-mail address — by e-mail. Read before the purchase's closing transaction opens.
     */
    async prepareWatch(
      userId: number,
      purchase: {
        isbn13: string;
        anyEdition: boolean;
        formats: BookFormat[] | null;
        maxPriceCents: number;
        paymentToken: string;
        shippingAddress: Address;
      },
    ): Promise<NewAlert> {
      const channels: AlertChannel[] = (await emailOfUser(db, userId)) ? ['SUBSCRIPTION', 'EMAIL'] : ['SUBSCRIPTION'];
      const { maxPriceCents, paymentToken, shippingAddress, formats } = purchase;
      const watch = await prepare(userId, {
        isbn: purchase.isbn13,
        anyEdition: purchase.anyEdition,
        rule: 'BELOW',
        thresholdCents: maxPriceCents,
        channels,
        autoBuy: { maxPriceCents, paymentToken, shippingAddress, formats },
      });
      // The purchase has just found every price above the maximum: the watch waits for one at or below it.
      return { ...watch, armed: true };
    },

    /** Writes a prepared watch in the purchase's transaction, and has its book's prices judged against it once it commits. */
    async saveWatch(trx: Transaction, watch: NewAlert): Promise<number> {
      const alert = await insertAlert(trx, watch);
      // A price that fell to the maximum while the purchase was comparing fires it now, not at the next change.
      await queueEvaluation(trx, alert.bookId);
      return alert.id;
    },

    /**
     * Sets the same alert on many books at once (ISBN-10 and -13 mixed, with or without hyphens). A bad
     * or unknown line is reported with its line number and does not stop the others.
     */
    async importWatchlist(userId: number, isbns: readonly string[], rule: Omit<CreateAlertInput, 'isbn'>) {
      if (isbns.length > MAX_WATCHLIST) throw new InvalidInputError(`A watchlist holds at most ${MAX_WATCHLIST} ISBNs per import`, { field: 'isbns' });
      validate({ ...rule, isbn: '' });
      const created: AlertRow[] = [];
      const problems: { line: number; input: string; message: string; code: InvalidInputError['code'] }[] = [];
      // Books Folio does not list are looked for at the partners together, not one wait after another.
      const discovering = pLimit(DISCOVERIES_AT_ONCE);
      await Promise.all(isbns.map((isbn) => discovering(() => discovery.lookup(isbn).catch(() => undefined))));
      for (const [index, isbn] of isbns.entries()) {
        if (isbn.trim() === '') continue;
        try {
          created.push(await this.create(userId, { ...rule, isbn }, 0));
        } catch (error) {
          if (!(error instanceof InvalidInputError)) throw error;
          problems.push({ line: index + 1, input: isbn, message: error.message, code: error.code });
        }
      }
      return { created, problems };
    },

    async delete(userId: number, alertId: number): Promise<boolean> {
      const result = await db
        .updateTable('priceAlerts')
        .set({ deletedAt: new Date() })
        .where('id', '=', alertId)
        .where('userId', '=', userId)
        .where('deletedAt', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    ofUser: (userId: number) =>
      db.selectFrom('priceAlerts').selectAll().where('userId', '=', userId).where('deletedAt', 'is', null).orderBy('createdAt', 'desc').execute(),

    async byIds(ids: readonly number[]): Promise<(AlertRow | null)[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('priceAlerts')
        .selectAll()
        .where('id', 'in', [...ids])
        .where('deletedAt', 'is', null)
        .execute();
      return byKeys(ids, rows, (row) => row.id);
    },

    deliver: (notificationId: number) => deliverNotification(db, notificationId, settings),

    /** Each alert's notifications, newest first, in the order of the ids asked for. */
    async deliveriesOf(alertIds: readonly number[]) {
      if (alertIds.length === 0) return [];
      const rows = await db
        .selectFrom('notifications')
        .selectAll()
        .where('alertId', 'in', [...alertIds])
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return groupByKeys(alertIds, rows, (row) => row.alertId);
    },

    /** Runs for every price change (the evaluate_alerts job): fires what now holds and streams it to subscribers. */
    async evaluate(bookId: number): Promise<number> {
      const fired = await evaluateAlerts(db, bookId);
      await this.announce(fired);
      return fired.length;
    },

    /** Streams committed notifications to their owners' subscriptions; their SUBSCRIPTION rows are then sent. */
    async announce(notified: PriceDropEvent[]): Promise<void> {
      if (notified.length === 0) return;
      for (const event of notified) events.publish('priceDropped', String(event.userId), event);
      await db
        .updateTable('notifications')
        .set({ status: 'SENT', sentAt: new Date(), attempts: 1 })
        .where('channel', '=', 'SUBSCRIPTION')
        .where('status', '=', 'PENDING')
        .where(
          'alertId',
          'in',
          notified.map((event) => event.alertId),
        )
        .execute();
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
