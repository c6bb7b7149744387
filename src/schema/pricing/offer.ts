import type { Context } from '../../context.js';
import type { OfferEvent } from '../../lib/events.js';
import { money } from '../../lib/money.js';
import { isbnArgument } from '../../resolvers/catalog/catalog-service.js';
import { DEMAND_WEIGHT } from '../../resolvers/pricing/demand.js';
import { offerFromJson, type OfferRow } from '../../resolvers/pricing/offer-repository.js';
import { BookRef } from '../catalog/book.js';
import { builder } from '../builder.js';
import { MoneyRef } from '../common/money.js';
import { requireAll } from '../common/loaders.js';
import type { StoreRow } from '../../resolvers/stores/store-repository.js';
import { StoreRef } from '../stores/store.js';
import { z } from 'zod';

const OfferSourceEnum = builder.enumType('OfferSource', {
  values: {
    CRAWL: { description: 'Scheduled refresh.' },
    LIVE: { description: 'Asked live for a shopper.' },
    REPORT: { description: 'Reported by a shopper.' },
    VERIFY: { description: 'Asked to verify a report.' },
  },
});

export const OfferRef = builder.objectRef<OfferRow>('Offer').implement({
  description: "One store's current price for a book. Offers are ranked by `total` (price + shipping): what the shopper pays.",
  fields: (t) => ({
    store: t.loadable({
      type: StoreRef,
      load: (ids: number[], context) => context.services.stores.storesByIds(ids).then(requireAll<StoreRow>('Store')),
      resolve: (offer) => offer.storeId,
    }),
    price: t.field({ type: MoneyRef, resolve: (offer) => money(offer.priceCents, offer.currency) }),
    shipping: t.field({ type: MoneyRef, resolve: (offer) => money(offer.shippingCents, offer.currency) }),
    total: t.field({ type: MoneyRef, resolve: (offer) => money(offer.priceCents + offer.shippingCents, offer.currency) }),
    inStock: t.exposeBoolean('inStock'),
    fetchedAt: t.field({ type: 'DateTime', resolve: (offer) => offer.fetchedAt }),
    ageSeconds: t.int({ resolve: (offer) => Math.max(0, Math.floor((Date.now() - offer.fetchedAt.getTime()) / 1000)) }),
    source: t.field({ type: OfferSourceEnum, resolve: (offer) => offer.source }),
  }),
});

const LIVE_DEADLINE_MS = 3_000;

/**
 * Live look-ups started in this request, per book, so `lowestOffer` in the same query waits for them
 * and agrees with `offers(maxAgeSeconds:)`.
 */
const liveLookups = new WeakMap<Context, Map<number, Promise<unknown>>>();

function lookupsOf(context: Context): Map<number, Promise<unknown>> {
  let lookups = liveLookups.get(context);
  if (!lookups) {
    lookups = new Map();
    liveLookups.set(context, lookups);
  }
  return lookups;
}

builder.objectFields(BookRef, (t) => ({
  offers: t.field({
    type: [OfferRef],
    description:
      "Every store's current offer, cheapest total first. Offers older than `maxAgeSeconds` (or missing) are asked for live first, within each store's budget and a few seconds; `maxAgeSeconds: 0` asks every store now.",
    args: { maxAgeSeconds: t.arg.int({ validate: z.number().int().min(0).max(31_536_000) }) },
    resolve: async (book, { maxAgeSeconds }, context) => {
      context.services.demand.record(book.id, DEMAND_WEIGHT.priceCheck);
      if (maxAgeSeconds != null) {
        const lookup = context.services.offers.refreshStale(book, maxAgeSeconds, Date.now() + LIVE_DEADLINE_MS);
        lookupsOf(context).set(
          book.id,
          lookup.catch(() => undefined),
        );
        await lookup;
      }
      const [offers] = await context.services.offers.offersOfBooks([book.id]);
      return offers ?? [];
    },
  }),
  ownOffer: t.loadable({
    type: OfferRef,
    nullable: true,
    description:
      "Folio's own offer, from its warehouses: the list price with free shipping, while a copy is in stock (null otherwise). Not among `offers` or `lowestOffer`, which are the partner stores'; compare its `total` with theirs.",
    load: (ids: number[], context) => context.services.ownOffers.ofBooks(ids),
    resolve: (book) => book.id,
  }),
  lowestOffer: t.loadable({
    type: OfferRef,
    nullable: true,
    description: 'The cheapest in-stock offer by total (price + shipping).',
    load: async (ids: number[], context) => {
      await Promise.all(ids.map((id) => lookupsOf(context).get(id)));
      return (await context.services.offers.offersOfBooks(ids)).map((offers) => offers.find((offer) => offer.inStock) ?? null);
    },
    resolve: (book) => book.id,
  }),
}));

builder.subscriptionField('offersUpdated', (t) =>
  t.field({
    type: OfferRef,
    description: "Each store's offer for the book as it arrives during a refresh (a live look-up, a scheduled refresh, a purchase waiting for prices).",
    args: { isbn: t.arg.string({ required: true }) },
    subscribe: (_root, { isbn }, context) => context.services.events.subscribe('offersUpdated', isbnArgument(isbn)),
    resolve: (event: OfferEvent): OfferRow => offerFromJson(event),
  }),
);
