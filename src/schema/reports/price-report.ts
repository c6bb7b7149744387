import { money, moneyOrNull } from '../../lib/money.js';
import type { ReportRow } from '../../resolvers/reports/report-repository.js';
import { TRUSTED_AT } from '../../resolvers/reports/report-trust.js';
import { ViewerRef } from '../accounts/viewer.js';
import { BookRef } from '../catalog/book.js';
import { builder } from '../builder.js';
import { nodeId } from '../common/ids.js';
import { MoneyRef } from '../common/money.js';
import { whenSignedOut } from '../errors.js';
import { StoreRef } from '../stores/store.js';

const ReportStatusEnum = builder.enumType('ReportStatus', {
  values: {
    ACCEPTED: { description: 'Believed: the offer shows it (and, once verifiedAt is set, the store confirmed it).' },
    PENDING_VERIFICATION: { description: 'Held until the store itself confirms it; it changes nothing and notifies no one meanwhile.' },
    REJECTED: { description: 'The store contradicted it (see reason); anyone it had notified got a correction.' },
  },
});

const ReportSuspicionEnum = builder.enumType('ReportSuspicion', {
  values: {
    LOW_TRUST: { description: 'The reporter has few confirmed reports yet (or some rejected ones).' },
    LARGE_DROP: { description: "Far below the store's own price or the other stores' median." },
    MANY_WATCHERS: { description: 'Many alerts watch this book: a wrong price would reach many people.' },
  },
});

export const PriceReportRef = builder.loadableNode('PriceReport', {
  description: 'A price a shopper saw at a partner store and told Folio about.',
  authScopes: (report: ReportRow) => ({ owner: report.userId }),
  id: { resolve: (report: ReportRow) => report.id, parse: nodeId },
  load: (ids: number[], context) => context.services.reports.byIds(ids),
  fields: (t) => ({
    status: t.field({ type: ReportStatusEnum, resolve: (report) => report.status }),
    book: t.field({ type: BookRef, resolve: (report) => report.bookId }),
    store: t.field({ type: StoreRef, resolve: (report) => report.storeId }),
    price: t.field({ type: MoneyRef, resolve: (report) => money(report.priceCents, 'USD') }),
    total: t.field({
      type: MoneyRef,
      description: "With the store's shipping fee.",
      resolve: (report) => money(report.priceCents + report.shippingCents, 'USD'),
    }),
    inStock: t.exposeBoolean('inStock'),
    observedAt: t.field({ type: 'DateTime', resolve: (report) => report.observedAt }),
    url: t.exposeString('url', { nullable: true }),
    heldBecause: t.field({
      type: [ReportSuspicionEnum],
      description: 'Why it waited for the store to confirm it (empty when believed at once).',
      resolve: (report) => report.suspicion as ('LOW_TRUST' | 'LARGE_DROP' | 'MANY_WATCHERS')[],
    }),
    verifiedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the store answered.', resolve: (report) => report.verifiedAt }),
    verifiedPrice: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'What the store said it asks.',
      resolve: (report) => moneyOrNull(report.verifiedPriceCents, 'USD'),
    }),
    verifiedInStock: t.exposeBoolean('verifiedInStock', { nullable: true }),
    reason: t.exposeString('reason', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (report) => report.createdAt }),
  }),
});

const ReportPriceInput = builder.inputType('ReportPriceInput', {
  fields: (t) => ({
    isbn: t.string({ required: true }),
    storeId: t.globalID({ required: true, for: StoreRef }),
    priceCents: t.int({ required: true, description: "The item price, without shipping (Folio adds the store's fee)." }),
    inStock: t.boolean({ description: 'Default true.' }),
    observedAt: t.field({ type: 'DateTime', description: 'When you saw it (default now; at most 72 hours ago).' }),
    url: t.string({ description: 'Where you saw it.' }),
  }),
});

builder.mutationField('reportPrice', (t) =>
  t.withAuth({ signedIn: true }).field({
    type: PriceReportRef,
    description: 'Tell Folio a price you saw at a partner store. Trusted reporters update offers at once; others wait for the store to confirm.',
    args: { input: t.arg({ type: ReportPriceInput, required: true }) },
    ...whenSignedOut('Sign in to report prices.'),
    resolve: (_root, { input }, context) => {
      return context.services.reports.submit(context.viewer.userId, { ...input, storeId: input.storeId.id });
    },
  }),
);

interface ReporterRecord {
  verified: number;
  rejected: number;
  trust: number;
}

const ReporterRecordRef = builder.objectRef<ReporterRecord>('ReporterRecord').implement({
  description: 'How far Folio believes your price reports.',
  fields: (t) => ({
    trust: t.exposeFloat('trust', {
      description: 'From 0 to 1: a new reporter starts at 0.5; confirmed reports raise it, rejected ones cost three times as much.',
    }),
    trusted: t.boolean({ description: 'Your ordinary reports update prices at once.', resolve: (record) => record.trust >= TRUSTED_AT }),
    verified: t.exposeInt('verified', { description: 'Reports the store confirmed.' }),
    rejected: t.exposeInt('rejected', { description: 'Reports the store contradicted.' }),
  }),
});

builder.objectFields(ViewerRef, (t) => ({
  priceReports: t.field({
    type: [PriceReportRef],
    description: 'Your price reports, newest first.',
    args: { first: t.arg.int({ defaultValue: 20 }) },
    resolve: (viewer, { first }, context) => context.services.reports.ofUser(viewer.userId, Math.min(Math.max(first ?? 20, 1), 100)),
  }),
  reporterRecord: t.field({ type: ReporterRecordRef, resolve: (viewer, _args, context) => context.services.reports.reporter(viewer.userId) }),
}));
