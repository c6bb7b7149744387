import { money, moneyOrNull } from '../../lib/money.js';
import { type Granularity, historyRange, isGoodDeal, type PricePoint, type PriceSummary } from '../../resolvers/pricing/price-history.js';
import { BookRef } from '../catalog/book.js';
import { builder } from '../builder.js';
import { MoneyRef } from '../common/money.js';
import { StoreRef } from '../stores/store.js';

const GranularityEnum = builder.enumType('Granularity', {
  values: {
    HOUR: { description: 'From raw observations; ranges of at most 31 days.' },
    DAY: { description: 'From daily rollups; ranges of at most three years.' },
    WEEK: { description: 'Weeks starting on Monday, from daily rollups.' },
    MONTH: { description: 'Calendar months, from daily rollups.' },
  },
});

const PricePointRef = builder.objectRef<PricePoint>('PricePoint').implement({
  description: 'One candle of landed prices (price + shipping).',
  fields: (t) => ({
    bucket: t.field({ type: 'DateTime', description: 'Start of the bucket (UTC).', resolve: (point) => point.bucket }),
    open: t.field({ type: MoneyRef, resolve: (point) => money(point.openCents, 'USD') }),
    high: t.field({ type: MoneyRef, resolve: (point) => money(point.highCents, 'USD') }),
    low: t.field({ type: MoneyRef, resolve: (point) => money(point.lowCents, 'USD') }),
    close: t.field({ type: MoneyRef, resolve: (point) => money(point.closeCents, 'USD') }),
    average: t.field({ type: MoneyRef, resolve: (point) => money(point.averageCents, 'USD') }),
    samples: t.exposeInt('samples'),
  }),
});

interface PriceHistory {
  points: PricePoint[];
  summary: PriceSummary;
  currentCents: number | null;
}

const PriceHistoryRef = builder.objectRef<PriceHistory>('PriceHistory').implement({
  fields: (t) => ({
    points: t.field({ type: [PricePointRef], resolve: (history) => history.points }),
    allTimeLow: t.field({ type: MoneyRef, nullable: true, resolve: (history) => moneyOrNull(history.summary.allTimeLowCents) }),
    allTimeHigh: t.field({ type: MoneyRef, nullable: true, resolve: (history) => moneyOrNull(history.summary.allTimeHighCents) }),
    average30d: t.field({ type: MoneyRef, nullable: true, resolve: (history) => moneyOrNull(history.summary.average30dCents) }),
    lowest30d: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'The lowest price of the prior 30 days, as EU price rules ask shops to show next to a reduction.',
      resolve: (history) => moneyOrNull(history.summary.lowest30dCents),
    }),
    current: t.field({ type: MoneyRef, nullable: true, resolve: (history) => moneyOrNull(history.currentCents) }),
    isGoodDeal: t.boolean({
      nullable: true,
      description:
        "Whether the current price is at or below the last 30 days' low, or at least 15 % below their average (null without a current price, or with under a week of prices in the last 30 days).",
      resolve: (history) => isGoodDeal(history.currentCents, history.summary),
    }),
  }),
});

builder.objectField(BookRef, 'priceHistory', (t) =>
  t.field({
    type: PriceHistoryRef,
    description: 'Price candles for one store, or for the lowest in-stock price across stores (storeId omitted). Defaults: DAY over the last 90 days.',
    args: {
      from: t.arg({ type: 'DateTime' }),
      to: t.arg({ type: 'DateTime' }),
      granularity: t.arg({ type: GranularityEnum, defaultValue: 'DAY' }),
      storeId: t.arg.globalID({ for: StoreRef }),
    },
    resolve: async (book, args, context) => {
      const granularity = (args.granularity ?? 'DAY') as Granularity;
      const range = historyRange(granularity, args.from, args.to);
      const storeId = args.storeId?.id ?? null;
      const [points, summary, [offers]] = await Promise.all([
        context.services.priceHistory.points(book.id, storeId, granularity, range),
        context.services.priceHistory.summary(book.id, storeId),
        context.services.offers.offersOfBooks([book.id]),
      ]);
      const relevant = (offers ?? []).filter((offer) => (storeId === null ? offer.inStock : offer.storeId === storeId));
      const current = relevant.length ? Math.min(...relevant.map((offer) => offer.priceCents + offer.shippingCents)) : null;
      return { points, summary, currentCents: current };
    },
  }),
);
