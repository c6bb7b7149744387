import { money, moneyOrNull } from '../../lib/money.js';
import type { AlertRow, PriceDropEvent } from '../../resolvers/alerts/alert-evaluation.js';
import type { QuietHours } from '../../resolvers/alerts/quiet-hours.js';
import { isbnArgument } from '../../resolvers/catalog/catalog-service.js';
import { ViewerRef } from '../accounts/viewer.js';
import { BookRef } from '../catalog/book.js';
import { builder } from '../builder.js';
import { AddressInput, AddressRef } from '../common/address.js';
import { nodeId } from '../common/ids.js';
import { ErrorCodeEnum } from '../common/error-codes.js';
import { MoneyRef } from '../common/money.js';
import { type ErrorCode, stillSignedIn, whenSignedOut } from '../errors.js';
import { forgetLoadedRows } from '../fresh-loads.js';
import { OrderRef } from '../orders/order.js';
import { StoreRef } from '../stores/store.js';

const AlertRuleEnum = builder.enumType('AlertRule', {
  values: {
    BELOW: { description: 'The price is at or below thresholdCents.' },
    DROP_PERCENT: { description: 'The price fell by dropPercent from the price when the alert was set.' },
    BACK_IN_STOCK: { description: 'A store has it in stock again.' },
    RISE: { description: 'The price is at or above thresholdCents (for sellers and budget-watchers).' },
  },
});
const AlertChannelEnum = builder.enumType('AlertChannel', { values: ['SUBSCRIPTION', 'WEBHOOK', 'EMAIL'] as const });

type NotificationRow = Awaited<ReturnType<import('../../resolvers/alerts/alert-service.js').AlertService['deliveriesOf']>>[number][number];

const DeliveryStatusEnum = builder.enumType('DeliveryStatus', {
  values: {
    PENDING: { description: 'Waiting to be sent.' },
    RETRYING: { description: 'Failed; another attempt is scheduled (exponential backoff).' },
    SENT: { description: 'Delivered.' },
    DEAD: { description: 'Every attempt failed; given up.' },
  },
});

const DeliveryRef = builder.objectRef<NotificationRow>('AlertDelivery').implement({
  description: 'One notification of an alert on one channel, with its delivery attempts.',
  fields: (t) => ({
    channel: t.field({ type: AlertChannelEnum, resolve: (row) => row.channel }),
    correction: t.boolean({
      description: 'A correction of an earlier notification (a price report the store did not confirm).',
      resolve: (row) => row.kind === 'CORRECTION',
    }),
    status: t.field({ type: DeliveryStatusEnum, resolve: (row) => row.status }),
    attempts: t.exposeInt('attempts'),
    lastError: t.exposeString('lastError', { nullable: true }),
    newPrice: t.field({ type: MoneyRef, resolve: (row) => money(row.newPriceCents ?? 0, 'USD') }),
    createdAt: t.field({ type: 'DateTime', resolve: (row) => row.createdAt }),
    sentAt: t.field({ type: 'DateTime', nullable: true, resolve: (row) => row.sentAt }),
  }),
});

export const PriceAlertRef = builder.loadableNode('PriceAlert', {
  authScopes: (alert: AlertRow) => ({ owner: alert.userId }),
  id: { resolve: (alert: AlertRow) => alert.id, parse: nodeId },
  load: (ids: number[], context) => context.services.alerts.byIds(ids),
  fields: (t) => ({
    // Loadable nodes resolve from their id, batched per request.
    book: t.field({ type: BookRef, resolve: (alert) => alert.bookId }),
    store: t.field({ type: StoreRef, nullable: true, resolve: (alert) => alert.storeId }),
    anyEdition: t.boolean({ resolve: (alert) => alert.workId !== null }),
    rule: t.field({ type: AlertRuleEnum, resolve: (alert) => alert.rule }),
    threshold: t.field({ type: MoneyRef, nullable: true, resolve: (alert) => moneyOrNull(alert.thresholdCents, 'USD') }),
    dropPercent: t.exposeInt('dropPercent', { nullable: true }),
    priceWhenSet: t.field({ type: MoneyRef, nullable: true, resolve: (alert) => moneyOrNull(alert.referenceCents, 'USD') }),
    channels: t.field({ type: [AlertChannelEnum], resolve: (alert) => alert.channels }),
    quietHours: t.field({ type: QuietHoursRef, nullable: true, resolve: (alert) => alert.quietHours }),
    minChange: t.field({ type: MoneyRef, resolve: (alert) => money(alert.minChangeCents, 'USD') }),
    armed: t.exposeBoolean('armed', { description: 'Waiting for its condition; false after notifying, until the price recovers.' }),
    lastNotifiedPrice: t.field({ type: MoneyRef, nullable: true, resolve: (alert) => moneyOrNull(alert.lastNotifiedCents, 'USD') }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (alert) => alert.expiresAt }),
    autoBuyMax: t.field({ type: MoneyRef, nullable: true, resolve: (alert) => moneyOrNull(alert.autoBuyMaxCents, 'USD') }),
    autoBuyShippingAddress: t.field({
      type: AddressRef,
      nullable: true,
      description: 'Where auto-buy ships (null without auto-buy).',
      resolve: (alert) => alert.autoBuyShippingAddress,
    }),
    autoBoughtOrder: t.field({
      type: OrderRef,
      nullable: true,
      description: 'The order auto-buy placed (an alert buys at most once).',
      resolve: (alert) => alert.autoBoughtOrderId,
    }),
    webhookSecret: t.exposeString('webhookSecret', {
      nullable: true,
      description: 'Verifies this alert\'s webhooks: the Folio-Signature header is `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.',
    }),
    deliveries: t.loadableList({
      type: DeliveryRef,
      description: 'Its notifications, newest first, with their delivery state.',
      load: (ids: number[], context) => context.services.alerts.deliveriesOf(ids),
      resolve: (alert) => alert.id,
    }),
  }),
});

const PriceCorrectionRef = builder.objectRef<NonNullable<PriceDropEvent['correction']>>('PriceCorrection').implement({
  description: "An earlier notification came from a shopper's price report that the store did not confirm.",
  fields: (t) => ({
    reportedPrice: t.field({ type: MoneyRef, description: 'The price you were told (wrongly).', resolve: (c) => money(c.reportedCents, 'USD') }),
    actualPrice: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'What the store asks; null when it does not list the book.',
      resolve: (c) => moneyOrNull(c.actualCents, 'USD'),
    }),
  }),
});

const PriceDropRef = builder.objectRef<PriceDropEvent>('PriceDrop').implement({
  fields: (t) => ({
    correction: t.field({
      type: PriceCorrectionRef,
      nullable: true,
      description: 'Set when this retracts an earlier drop: oldPrice is the wrong price, newPrice what the store actually asks.',
      resolve: (drop) => drop.correction ?? null,
    }),
    book: t.field({ type: BookRef, resolve: (drop) => drop.bookId }),
    store: t.field({ type: StoreRef, nullable: true, resolve: (drop) => drop.storeId }),
    oldPrice: t.field({ type: MoneyRef, nullable: true, resolve: (drop) => moneyOrNull(drop.oldPriceCents, 'USD') }),
    newPrice: t.field({ type: MoneyRef, resolve: (drop) => money(drop.newPriceCents, 'USD') }),
    alert: t.field({ type: PriceAlertRef, nullable: true, resolve: (drop) => drop.alertId }),
    at: t.field({ type: 'DateTime', resolve: (drop) => new Date(drop.at) }),
  }),
});

const AutoBuyInput = builder.inputType('AutoBuyInput', {
  description: 'Buy automatically when the alert fires and a store sells it for at most maxPriceCents in total (once per alert).',
  fields: (t) => ({
    maxPriceCents: t.int({ required: true }),
    paymentToken: t.string({ required: true }),
    shippingAddress: t.field({
      type: AddressInput,
      description:
        'Where the store ships the book. Required: auto-buy without it is refused (BAD_USER_INPUT); it may be left out of the schema only so that a saved address can stand in for it later.',
    }),
  }),
});

const QuietHoursInput = builder.inputType('QuietHoursInput', {
  description: 'Webhooks and e-mails that fall inside these hours wait until they end (subscriptions are live).',
  fields: (t) => ({
    from: t.string({ required: true, description: 'Local time such as 22:00.' }),
    to: t.string({ required: true, description: 'Local time such as 07:00 (earlier than from: the hours span midnight).' }),
    timeZone: t.string({ required: true, description: 'IANA time zone such as Europe/Berlin.' }),
  }),
});

const QuietHoursRef = builder.objectRef<QuietHours>('QuietHours').implement({
  fields: (t) => ({ from: t.exposeString('from'), to: t.exposeString('to'), timeZone: t.exposeString('timeZone') }),
});

const CreatePriceAlertInput = builder.inputType('CreatePriceAlertInput', {
  fields: (t) => ({
    isbn: t.string({ required: true }),
    rule: t.field({ type: AlertRuleEnum, required: true }),
    anyEdition: t.boolean(),
    thresholdCents: t.int(),
    dropPercent: t.int(),
    storeId: t.globalID({ for: StoreRef }),
    channels: t.field({ type: [AlertChannelEnum], required: true }),
    webhookUrl: t.string(),
    expiresAt: t.field({ type: 'DateTime' }),
    autoBuy: t.field({ type: AutoBuyInput }),
    quietHours: t.field({ type: QuietHoursInput }),
    minChangeCents: t.int({ description: 'After notifying at a price, notify again only for a price at least this many cents away from it (default 0).' }),
  }),
});

builder.mutationFields((t) => ({
  createPriceAlert: t.withAuth({ signedIn: true }).field({
    type: PriceAlertRef,
    args: { input: t.arg({ type: CreatePriceAlertInput, required: true }) },
    ...whenSignedOut('Sign in to set price alerts.'),
    resolve: (_root, { input }, context) => {
      return context.services.alerts.create(context.viewer.userId, { ...input, storeId: input.storeId?.id ?? null });
    },
  }),
  deletePriceAlert: t.withAuth({ signedIn: true }).boolean({
    description: 'True when the alert existed and was yours.',
    args: { id: t.arg.globalID({ required: true, for: PriceAlertRef }) },
    ...whenSignedOut('Sign in first.'),
    resolve: (_root, { id }, context) => {
      return context.services.alerts.delete(context.viewer.userId, id.id);
    },
  }),
}));

interface WatchlistProblem {
  line: number;
  input: string;
  message: string;
  code: ErrorCode;
}

const WatchlistProblemRef = builder.objectRef<WatchlistProblem>('WatchlistProblem').implement({
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'Position in the list, from 1.' }),
    input: t.exposeString('input'),
    message: t.exposeString('message'),
    code: t.field({
      type: ErrorCodeEnum,
      description: 'What kind of problem, as an error would say (BAD_USER_INPUT for a malformed ISBN).',
      resolve: (problem) => problem.code,
    }),
  }),
});

const ImportWatchlistResultRef = builder.objectRef<{ created: AlertRow[]; problems: WatchlistProblem[] }>('ImportWatchlistResult').implement({
  fields: (t) => ({
    created: t.field({ type: [PriceAlertRef], resolve: (result) => result.created }),
    problems: t.field({ type: [WatchlistProblemRef], description: 'Lines that were not imported, and why.', resolve: (result) => result.problems }),
  }),
});

builder.mutationField('importWatchlist', (t) =>
  t.withAuth({ signedIn: true }).field({
    type: ImportWatchlistResultRef,
    description: 'One alert per ISBN (ISBN-10 or -13, mixed); bad lines are reported in problems and do not stop the rest.',
    args: {
      isbns: t.arg.stringList({ required: true }),
      rule: t.arg({ type: AlertRuleEnum, required: true }),
      thresholdCents: t.arg.int(),
      dropPercent: t.arg.int(),
      channels: t.arg({ type: [AlertChannelEnum], required: true }),
      webhookUrl: t.arg.string(),
    },
    ...whenSignedOut('Sign in to import a watchlist.'),
    resolve: (_root, args, context) => {
      return context.services.alerts.importWatchlist(context.viewer.userId, args.isbns, {
        rule: args.rule,
        thresholdCents: args.thresholdCents,
        dropPercent: args.dropPercent,
        channels: args.channels,
        webhookUrl: args.webhookUrl,
      });
    },
  }),
);

builder.objectField(ViewerRef, 'priceAlerts', (t) =>
  t.field({ type: [PriceAlertRef], resolve: (viewer, _args, context) => context.services.alerts.ofUser(viewer.userId) }),
);

builder.subscriptionField('priceDropped', (t) =>
  t.withAuth({ signedIn: true }).field({
    type: PriceDropRef,
    description: "The signed-in shopper's alerts as they fire; optionally only those for one book or one alert.",
    args: { isbn: t.arg.string(), alertId: t.arg.globalID({ for: PriceAlertRef }) },
    ...whenSignedOut('Sign in to hear about your alerts.'),
    subscribe: async function* (_root, { isbn, alertId }, context) {
      const bookId = isbn ? ((await context.services.catalog.booksByIsbn13([isbnArgument(isbn)]))[0]?.id ?? -1) : null;
      for await (const event of context.services.events.subscribe('priceDropped', String(context.viewer.userId))) {
        stillSignedIn(context);
        if (bookId !== null && event.bookId !== bookId) continue;
        if (alertId && event.alertId !== alertId.id) continue;
        forgetLoadedRows(context);
        yield event;
      }
    },
    resolve: (event) => event,
  }),
);
