import { z } from 'zod';
import type { OfferEvent } from '../../lib/events.js';
import { money, moneyOrNull } from '../../lib/money.js';
import { offerFromJson, type OfferRow } from '../../resolvers/pricing/offer-repository.js';
import type { PurchaseRequestRow } from '../../resolvers/purchases/purchase-repository.js';
import { BookFormatEnum } from '../catalog/book.js';
import { builder } from '../builder.js';
import { SavedAddressRef } from '../accounts/addresses.js';
import { AddressInput } from '../common/address.js';
import { PriceAlertRef } from '../alerts/alert.js';
import { MoneyRef } from '../common/money.js';
import { whenSignedOut } from '../errors.js';
import { OrderRef } from '../orders/order.js';
import { OfferRef } from '../pricing/offer.js';

const PurchaseStatusEnum = builder.enumType('PurchaseStatus', {
  values: {
    PURCHASED: { description: 'Bought: see `order` and `pricePaid`.' },
    PRICE_ABOVE_MAX: { description: 'No store sells it at or below the maximum: see `lowestPrice` (and `watch`, with keepWatching).' },
    NOT_AVAILABLE: { description: 'No store that answered has it in stock (or in the formats asked for).' },
    PAYMENT_DECLINED: { description: 'The payment was declined; nothing was ordered.' },
    PRICE_UNCONFIRMED: {
      description: 'Prices within the maximum did not hold when checked live with the store; nothing was charged. `reason` says what was found.',
    },
    FAILED: { description: 'A store or the payment provider failed mid-way; every step was undone and nothing was charged. `reason` says what happened.' },
    IN_PROGRESS: { description: 'The first request with this idempotency key is still running; ask again with the same key.' },
  },
});

const PurchaseResultRef = builder.objectRef<PurchaseRequestRow>('PurchaseResult').implement({
  description: 'The outcome of one compare-and-buy request. Prices are totals (price + shipping): what the shopper pays.',
  fields: (t) => ({
    status: t.field({ type: PurchaseStatusEnum, resolve: (request) => request.status }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why it ended as it did, in words (null when bought).' }),
    order: t.field({ type: OrderRef, nullable: true, resolve: (request) => request.orderId }),
    pricePaid: t.field({
      type: MoneyRef,
      nullable: true,
      resolve: (request) => (request.status === 'PURCHASED' ? money(request.priceCents! + request.shippingCents!, 'USD') : null),
    }),
    lowestPrice: t.field({ type: MoneyRef, nullable: true, resolve: (request) => moneyOrNull(request.lowestTotalCents, 'USD') }),
    lowestOffer: t.field({ type: OfferRef, nullable: true, resolve: (request) => offersSeen(request).find((offer) => offer.inStock) ?? null }),
    storesAsked: t.exposeInt('storesAsked', { description: 'Stores asked live during this request (offers fresh enough were read from cache).' }),
    storesAnswered: t.exposeInt('storesAnswered', { description: 'Of those, the ones that answered in time.' }),
    offers: t.field({ type: [OfferRef], description: 'Every offer considered, cheapest total first.', resolve: offersSeen }),
    watch: t.field({
      type: PriceAlertRef,
      nullable: true,
      description:
        'With keepWatching, when the answer is PRICE_ABOVE_MAX: the price alert Folio set to carry the purchase on. It fires when any ' +
        "store's total is at or below maxPriceCents (rule BELOW) and then buys once, with the same maximum, payment token, " +
        'shipping address and editions (its autoBoughtOrder); it tells you on SUBSCRIPTION and, if your account has an ' +
        'e-mail address, EMAIL. Repeating the idempotency key returns this same alert; deletePriceAlert stops it (this is ' +
        'then null). Null otherwise.',
      resolve: (request) => request.watchAlertId,
    }),
  }),
});

function offersSeen(request: PurchaseRequestRow): OfferRow[] {
  const offers = (request.offers as OfferEvent[]).map(offerFromJson);
  return offers.sort((a, b) => Number(b.inStock) - Number(a.inStock) || a.priceCents + a.shippingCents - (b.priceCents + b.shippingCents));
}

const PurchaseBookInput = builder.inputType('PurchaseBookInput', {
  fields: (t) => ({
    isbn: t.string({ required: true }),
    maxPriceCents: t.int({ required: true, description: "Most the shopper will pay in total (the offer's price + shipping), in cents." }),
    paymentToken: t.string({ required: true, description: 'A payment provider token (tok_visa, …); card numbers are refused.' }),
    idempotencyKey: t.string({ required: true, description: 'Repeat it to retry safely: the same key never buys twice.' }),
    shippingAddress: t.field({
      type: AddressInput,
      description: 'Where the store ships the book; required unless addressId names a saved address (a purchase with neither is refused with BAD_USER_INPUT).',
    }),
    addressId: t.globalID({ for: SavedAddressRef, description: 'One of your saved addresses, instead of shippingAddress.' }),
    maxWaitMs: t.int({ description: 'How long to wait for live prices (default 3000, at most 30000).' }),
    anyEdition: t.boolean({ description: 'Take the cheapest acceptable edition of the same work.' }),
    formats: t.field({ type: [BookFormatEnum], description: 'With anyEdition: the acceptable formats (default any).' }),
    keepWatching: t.boolean({
      description:
        'When every price is above maxPriceCents, keep watching: set an auto-buy price alert at the maximum and return it as `watch` (default false).',
    }),
  }),
});

builder.mutationField('purchaseBook', (t) =>
  t.withAuth({ signedIn: true }).field({
    type: PurchaseResultRef,
    description:
      'Buys the book from the cheapest store whose total is at or below maxPriceCents, after confirming that price live with the store; otherwise says what the lowest price is. Signed-in shoppers only.',
    args: {
      input: t.arg({
        type: PurchaseBookInput,
        required: true,
        validate: z
          .object({ idempotencyKey: z.string().min(1, 'idempotencyKey must not be empty').max(255, 'idempotencyKey must be at most 255 characters') })
          .passthrough(),
      }),
    },
    ...whenSignedOut('Sign in to buy books.'),
    resolve: (_root, { input }, context) => {
      return context.services.purchases.purchaseBook(context.viewer.userId, { ...input, addressId: input.addressId?.id ?? null });
    },
  }),
);
