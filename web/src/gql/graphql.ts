/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** An address for the address book. */
export type AddAddressInput = {
  /** The address. */
  address: AddressInput;
  /** Make it the default (your first address always is). */
  isDefault?: boolean | null | undefined;
};

/** A book to add to a cart. */
export type AddToCartInput = {
  /** For guests. */
  cartToken?: string | null | undefined;
  /** A retried add with the same key is not applied twice. */
  idempotencyKey?: string | null | undefined;
  /** The book: ISBN-10 or ISBN-13. */
  isbn: string;
  /** Copies to add (1–99; a line holds at most 99). */
  quantity: number;
  /** Default: Folio's own stock when it has the book, else the cheapest store. */
  storeId?: string | number | null | undefined;
  /** The cart version you last saw; a stale one is refused with CONFLICT. */
  version?: number | null | undefined;
};

/** Where an order goes. */
export type AddressInput = {
  /** Town or city. */
  city: string;
  /** Two-letter ISO 3166 code, such as US or DE. */
  country: string;
  /** Street and number. */
  line1: string;
  /** Flat, floor, building (optional). */
  line2?: string | null | undefined;
  /** Who receives it (1–100 characters). */
  name: string;
  /** Postal or ZIP code. */
  postalCode: string;
  /** State, province or county, where the country uses one. */
  region?: string | null | undefined;
};

/** Where an alert is delivered. */
export type AlertChannel =
  /** An e-mail to the owner's address. */
  | 'EMAIL'
  /** The `priceDropped` subscription of the alert's owner. */
  | 'SUBSCRIPTION'
  /** A signed POST to the alert's `webhookUrl` (Standard Webhooks headers and Folio-Signature). */
  | 'WEBHOOK';

/** What makes an alert fire. */
export type AlertRule =
  /** A store has it in stock again. */
  | 'BACK_IN_STOCK'
  /** The price is at or below thresholdCents. */
  | 'BELOW'
  /** The price fell by dropPercent from the price when the alert was set. */
  | 'DROP_PERCENT'
  /** The price is at or above thresholdCents (for sellers and budget-watchers). */
  | 'RISE';

/** Buy automatically when the alert fires and a store sells it for at most maxPriceCents in total (once per alert). */
export type AutoBuyInput = {
  /** The most to pay, in cents, shipping included. */
  maxPriceCents: number;
  /** A payment token (such as tok_visa), never a card number. */
  paymentToken: string;
  /** Where the store ships the book. Required: auto-buy without it is refused (BAD_USER_INPUT); it may be left out of the schema only so that a saved address can stand in for it later. */
  shippingAddress?: AddressInput | null | undefined;
};

/** Narrows a search; every filter given must hold. Facet counts show what each would leave. */
export type BookFilter = {
  /** Books by any of these authors (ids from `facets.authors`). */
  authorIds?: Array<string | number> | null | undefined;
  /** Books on any of these shelves (ids from `facets.categories`). */
  categoryIds?: Array<string | number> | null | undefined;
  /** Only books some store (or Folio) can sell now. */
  inStockOnly?: boolean | null | undefined;
  /** ISO 639-1 codes, e.g. ["en", "de"]. */
  languages?: Array<string> | null | undefined;
  /** Best price at most this many cents. */
  maxPriceCents?: number | null | undefined;
  /** Best price at least this many cents. */
  minPriceCents?: number | null | undefined;
  /** Published in this year or later. */
  yearFrom?: number | null | undefined;
  /** Published in this year or earlier. */
  yearTo?: number | null | undefined;
};

/** The form an edition takes. */
export type BookFormat =
  /** Recorded reading. */
  | 'AUDIOBOOK'
  /** Digital text. */
  | 'EBOOK'
  /** Printed, hard cover. */
  | 'HARDCOVER'
  /** Printed, soft cover. */
  | 'PAPERBACK';

/** The order of search results. */
export type BookSort =
  /** Most recently published first. */
  | 'NEWEST'
  /** Cheapest first; books without a price last. */
  | 'PRICE_ASC'
  /** Most expensive first. */
  | 'PRICE_DESC'
  /** Exact title matches first, then text rank, then popularity. Without a query: most popular first. */
  | 'RELEVANCE'
  /** By title, A to Z. */
  | 'TITLE';

/** What stops a line from being bought. */
export type CartProblemKind =
  /** Fewer copies left than the line wants. */
  | 'OUT_OF_STOCK'
  /** The price differs from the one in the cart: read the cart again and check out again. */
  | 'PRICE_CHANGED'
  /** The store no longer offers the book. */
  | 'UNAVAILABLE';

/** Pays for a cart and places its order. */
export type CheckoutInput = {
  /** One of your saved addresses (signed in only), instead of shippingAddress. */
  addressId?: string | number | null | undefined;
  /** For guests. */
  cartToken?: string | null | undefined;
  /** A guest's e-mail: opening an account (or signing in) with it later puts the order in that account's viewer.orders. */
  email?: string | null | undefined;
  /** Repeat it to retry safely: one key places at most one order. */
  idempotencyKey: string;
  /** A payment token (tok_visa and the like), never a card number. */
  paymentToken: string;
  /** Where the order goes; required unless addressId names a saved address. */
  shippingAddress?: AddressInput | null | undefined;
};

/** How a checkout ended. */
export type CheckoutStatus =
  /** There is nothing to check out. */
  | 'EMPTY_CART'
  /** A store or the payment provider failed (see reason); nothing was charged. */
  | 'FAILED'
  /** A repeat of a checkout that is still running: ask again with the same key. */
  | 'IN_PROGRESS'
  /** A line is sold out or short (see problems); nothing was charged. */
  | 'OUT_OF_STOCK'
  /** The card was declined; stock held for it was released. */
  | 'PAYMENT_DECLINED'
  /** Ordered and paid. */
  | 'PLACED'
  /** A price moved (see problems; the cart now shows the new prices); nothing was charged. */
  | 'PRICE_CHANGED';

/** A new price alert. */
export type CreatePriceAlertInput = {
  /** Watch every edition of the work. */
  anyEdition?: boolean | null | undefined;
  /** Buy as soon as it fires within this maximum. */
  autoBuy?: AutoBuyInput | null | undefined;
  /** Where to deliver it (at least one). */
  channels: Array<AlertChannel>;
  /** For DROP_PERCENT: 1–99. */
  dropPercent?: number | null | undefined;
  /** Stop watching then (in the future). */
  expiresAt?: string | null | undefined;
  /** The book: ISBN-10 or ISBN-13, hyphens allowed; an ISBN Folio does not list is looked up at the partners. */
  isbn: string;
  /** After notifying at a price, notify again only for a price at least this many cents away from it (default 0). */
  minChangeCents?: number | null | undefined;
  /** Hold webhooks and e-mails in this daily window. */
  quietHours?: QuietHoursInput | null | undefined;
  /** What makes it fire. */
  rule: AlertRule;
  /** Watch one store only. */
  storeId?: string | number | null | undefined;
  /** For BELOW and RISE: the price in cents, shipping included. */
  thresholdCents?: number | null | undefined;
  /** For WEBHOOK: an http(s) URL (public in production). */
  webhookUrl?: string | null | undefined;
};

/** The size of one candle of price history. */
export type Granularity =
  /** From daily rollups; ranges of at most three years. */
  | 'DAY'
  /** From raw observations; ranges of at most 31 days. */
  | 'HOUR'
  /** Calendar months, from daily rollups. */
  | 'MONTH'
  /** Weeks starting on Monday, from daily rollups. */
  | 'WEEK';

/** How Folio learned an offer. */
export type OfferSource =
  /** Scheduled refresh. */
  | 'CRAWL'
  /** Asked live for a shopper. */
  | 'LIVE'
  /** Reported by a shopper. */
  | 'REPORT'
  /** Asked to verify a report. */
  | 'VERIFY';

/** Where an order or shipment stands. */
export type OrderStatus =
  /** Cancelled and refunded. */
  | 'CANCELLED'
  /** At the address. */
  | 'DELIVERED'
  /** Packed: it can no longer be cancelled. */
  | 'PACKED'
  /** Paid and accepted. */
  | 'PLACED'
  /** Being picked at the warehouse or store. */
  | 'PROCESSING'
  /** With the carrier. */
  | 'SHIPPED';

/** Buy a book from the cheapest store at or below a maximum. */
export type PurchaseBookInput = {
  /** One of your saved addresses, instead of shippingAddress. */
  addressId?: string | number | null | undefined;
  /** Take the cheapest acceptable edition of the same work. */
  anyEdition?: boolean | null | undefined;
  /** With anyEdition: the acceptable formats (default any). */
  formats?: Array<BookFormat> | null | undefined;
  /** Repeat it to retry safely: the same key never buys twice. */
  idempotencyKey: string;
  /** The book: ISBN-10 or ISBN-13; one Folio does not list is looked up at the partners. */
  isbn: string;
  /** When every price is above maxPriceCents, keep watching: set an auto-buy price alert at the maximum and return it as `watch` (default false). */
  keepWatching?: boolean | null | undefined;
  /** Most the shopper will pay in total (the offer's price + shipping), in cents. */
  maxPriceCents: number;
  /** How long to wait for live prices (default 3000, at most 30000). */
  maxWaitMs?: number | null | undefined;
  /** A payment provider token (tok_visa, …); card numbers are refused. */
  paymentToken: string;
  /** Where the store ships the book; required unless addressId names a saved address (a purchase with neither is refused with BAD_USER_INPUT). */
  shippingAddress?: AddressInput | null | undefined;
};

/** How a purchase ended. */
export type PurchaseStatus =
  /** A store or the payment provider failed mid-way; every step was undone and nothing was charged. `reason` says what happened. */
  | 'FAILED'
  /** The first request with this idempotency key is still running; ask again with the same key. */
  | 'IN_PROGRESS'
  /** No store that answered has it in stock (or in the formats asked for). */
  | 'NOT_AVAILABLE'
  /** The payment was declined; nothing was ordered. */
  | 'PAYMENT_DECLINED'
  /** No store sells it at or below the maximum: see `lowestPrice` (and `watch`, with keepWatching). */
  | 'PRICE_ABOVE_MAX'
  /** Prices within the maximum did not hold when checked live with the store; nothing was charged. `reason` says what was found. */
  | 'PRICE_UNCONFIRMED'
  /** Bought: see `order` and `pricePaid`. */
  | 'PURCHASED';

/** Webhooks and e-mails that fall inside these hours wait until they end (subscriptions are live). */
export type QuietHoursInput = {
  /** Local time such as 22:00. */
  from: string;
  /** IANA time zone such as Europe/Berlin. */
  timeZone: string;
  /** Local time such as 07:00 (earlier than from: the hours span midnight). */
  to: string;
};

/** A line to remove. */
export type RemoveCartItemInput = {
  /** A guest cart's token (signed in: your cart). */
  cartToken?: string | null | undefined;
  /** The line's book. */
  isbn: string;
  /** The line's store, when the cart holds the book from several. */
  storeId?: string | number | null | undefined;
  /** The cart version you read: a stale one is refused with CONFLICT. */
  version?: number | null | undefined;
};

/** How a search matched its words. */
export type SearchMode =
  /** No query text: the whole catalogue, filtered. */
  | 'BROWSE'
  /** Nothing matched as typed; these match the corrected spelling in `correctedQuery`. */
  | 'CORRECTED'
  /** Nothing matched as typed or corrected, so these are titles and authors that look similar. */
  | 'FUZZY'
  /** Every word matched (the last one as a prefix). */
  | 'TEXT';

/** Who runs a store. */
export type StoreKind =
  /** Folio's own warehouses. */
  | 'FIRST_PARTY'
  /** A partner bookstore reached over its API. */
  | 'PARTNER';

/** Changes to a saved address. */
export type UpdateAddressInput = {
  /** The whole address anew (left out: unchanged). */
  address?: AddressInput | null | undefined;
  /** The saved address to change. */
  id: string | number;
  /** true makes it the default; to move the default, set it on another address. */
  isDefault?: boolean | null | undefined;
};

/** A new quantity for a line. */
export type UpdateCartItemInput = {
  /** A guest cart's token (signed in: your cart). */
  cartToken?: string | null | undefined;
  /** The line's book. */
  isbn: string;
  /** The new quantity; 0 removes the line. */
  quantity: number;
  /** Needed only when the cart holds the book from several stores. */
  storeId?: string | number | null | undefined;
  /** The cart version you read: a stale one is refused with CONFLICT. */
  version?: number | null | undefined;
};

export type MoneyFieldsFragment = { amount: string, cents: number, currency: string };

export type SearchBooksQueryVariables = Exact<{
  query?: string | null | undefined;
  filter?: BookFilter | null | undefined;
  sort: BookSort;
  first: number;
  after?: string | null | undefined;
}>;


export type SearchBooksQuery = { searchBooks: { totalCount: number, correctedQuery: string | null, mode: SearchMode, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, isbn13: string, title: string, subtitle: string | null, format: BookFormat, publishedYear: number | null, authors: Array<{ name: string }>, listPrice: { amount: string, cents: number, currency: string } | null, lowestOffer: { total: { amount: string, cents: number, currency: string } } | null } }>, facets: { inStock: number, categories: Array<{ value: string, label: string, count: number }>, languages: Array<{ value: string, label: string, count: number }>, priceRanges: Array<{ value: string, label: string, count: number }> } } };

export type SuggestionsQueryVariables = Exact<{
  query: string;
}>;


export type SuggestionsQuery = { searchBooks: { edges: Array<{ node: { isbn13: string, title: string, format: BookFormat, publishedYear: number | null, authors: Array<{ name: string }> } }> } };

export type BookPageQueryVariables = Exact<{
  isbn: string;
}>;


export type BookPageQuery = { book: { id: string, isbn13: string, isbn10: string | null, title: string, subtitle: string | null, description: string | null, format: BookFormat, language: string | null, publisher: string | null, publishedYear: number | null, stock: number, available: boolean, authors: Array<{ name: string }>, category: { name: string } | null, listPrice: { amount: string, cents: number, currency: string } | null } | null };

export type BookOffersQueryVariables = Exact<{
  isbn: string;
  maxAgeSeconds?: number | null | undefined;
}>;


export type BookOffersQuery = { book: { ownOffer: { inStock: boolean, ageSeconds: number, source: OfferSource, price: { amount: string, cents: number, currency: string }, shipping: { amount: string, cents: number, currency: string }, total: { amount: string, cents: number, currency: string }, store: { id: string, name: string, slug: string, kind: StoreKind } } | null, offers: Array<{ inStock: boolean, ageSeconds: number, source: OfferSource, price: { amount: string, cents: number, currency: string }, shipping: { amount: string, cents: number, currency: string }, total: { amount: string, cents: number, currency: string }, store: { id: string, name: string, slug: string, kind: StoreKind } }> } | null };

export type OfferFieldsFragment = { inStock: boolean, ageSeconds: number, source: OfferSource, price: { amount: string, cents: number, currency: string }, shipping: { amount: string, cents: number, currency: string }, total: { amount: string, cents: number, currency: string }, store: { id: string, name: string, slug: string, kind: StoreKind } };

export type OffersUpdatedSubscriptionVariables = Exact<{
  isbn: string;
}>;


export type OffersUpdatedSubscription = { offersUpdated: { inStock: boolean, ageSeconds: number, source: OfferSource, price: { amount: string, cents: number, currency: string }, shipping: { amount: string, cents: number, currency: string }, total: { amount: string, cents: number, currency: string }, store: { id: string, name: string, slug: string, kind: StoreKind } } };

export type PriceHistoryQueryVariables = Exact<{
  isbn: string;
  granularity: Granularity;
  from?: string | null | undefined;
  storeId?: string | number | null | undefined;
}>;


export type PriceHistoryQuery = { book: { priceHistory: { isGoodDeal: boolean | null, current: { amount: string, cents: number, currency: string } | null, lowest30d: { amount: string, cents: number, currency: string } | null, allTimeLow: { amount: string, cents: number, currency: string } | null, allTimeHigh: { amount: string, cents: number, currency: string } | null, points: Array<{ bucket: string, low: { cents: number }, high: { cents: number }, close: { cents: number } }> } } | null };

export type PurchaseBookMutationVariables = Exact<{
  input: PurchaseBookInput;
}>;


export type PurchaseBookMutation = { purchaseBook: { status: PurchaseStatus, reason: string | null, storesAsked: number, storesAnswered: number, pricePaid: { amount: string, cents: number, currency: string } | null, lowestPrice: { amount: string, cents: number, currency: string } | null, order: { id: string } | null, watch: { id: string, threshold: { amount: string, cents: number, currency: string } | null } | null } };

export type SignInMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type SignInMutation = { signIn: { token: string, user: { email: string } } };

export type SignUpMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type SignUpMutation = { signUp: { token: string, user: { email: string } } };

export type MergeCartMutationVariables = Exact<{
  cartToken: string;
}>;


export type MergeCartMutation = { mergeCart: { itemCount: number } };

export type AlertFieldsFragment = { id: string, rule: AlertRule, armed: boolean, channels: Array<AlertChannel>, dropPercent: number | null, threshold: { amount: string, cents: number, currency: string } | null, lastNotifiedPrice: { amount: string, cents: number, currency: string } | null, book: { isbn13: string, title: string } };

export type MyAlertsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyAlertsQuery = { viewer: { priceAlerts: Array<{ id: string, rule: AlertRule, armed: boolean, channels: Array<AlertChannel>, dropPercent: number | null, threshold: { amount: string, cents: number, currency: string } | null, lastNotifiedPrice: { amount: string, cents: number, currency: string } | null, book: { isbn13: string, title: string } }> } | null };

export type CreateAlertMutationVariables = Exact<{
  input: CreatePriceAlertInput;
}>;


export type CreateAlertMutation = { createPriceAlert: { id: string, rule: AlertRule, armed: boolean, channels: Array<AlertChannel>, dropPercent: number | null, threshold: { amount: string, cents: number, currency: string } | null, lastNotifiedPrice: { amount: string, cents: number, currency: string } | null, book: { isbn13: string, title: string } } };

export type DeleteAlertMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteAlertMutation = { deletePriceAlert: boolean };

export type PriceDroppedSubscriptionVariables = Exact<{
  isbn?: string | null | undefined;
}>;


export type PriceDroppedSubscription = { priceDropped: { at: string, book: { isbn13: string, title: string }, store: { name: string } | null, oldPrice: { amount: string, cents: number, currency: string } | null, newPrice: { amount: string, cents: number, currency: string } } };

export type CartFieldsFragment = { id: string, version: number, itemCount: number, token: string | null, subtotal: { amount: string, cents: number, currency: string }, items: Array<{ quantity: number, priceChanged: boolean, unitPrice: { amount: string, cents: number, currency: string }, currentPrice: { amount: string, cents: number, currency: string } | null, book: { isbn13: string, title: string }, store: { id: string, name: string } | null }> };

export type CreateCartMutationVariables = Exact<{ [key: string]: never; }>;


export type CreateCartMutation = { createCart: { token: string | null } };

export type CartQueryQueryVariables = Exact<{
  cartToken?: string | null | undefined;
}>;


export type CartQueryQuery = { cart: { id: string, version: number, itemCount: number, token: string | null, subtotal: { amount: string, cents: number, currency: string }, items: Array<{ quantity: number, priceChanged: boolean, unitPrice: { amount: string, cents: number, currency: string }, currentPrice: { amount: string, cents: number, currency: string } | null, book: { isbn13: string, title: string }, store: { id: string, name: string } | null }> } | null };

export type AddToCartMutationVariables = Exact<{
  input: AddToCartInput;
}>;


export type AddToCartMutation = { addToCart: { id: string, version: number, itemCount: number, token: string | null, subtotal: { amount: string, cents: number, currency: string }, items: Array<{ quantity: number, priceChanged: boolean, unitPrice: { amount: string, cents: number, currency: string }, currentPrice: { amount: string, cents: number, currency: string } | null, book: { isbn13: string, title: string }, store: { id: string, name: string } | null }> } };

export type UpdateCartItemMutationVariables = Exact<{
  input: UpdateCartItemInput;
}>;


export type UpdateCartItemMutation = { updateCartItem: { id: string, version: number, itemCount: number, token: string | null, subtotal: { amount: string, cents: number, currency: string }, items: Array<{ quantity: number, priceChanged: boolean, unitPrice: { amount: string, cents: number, currency: string }, currentPrice: { amount: string, cents: number, currency: string } | null, book: { isbn13: string, title: string }, store: { id: string, name: string } | null }> } };

export type RemoveCartItemMutationVariables = Exact<{
  input: RemoveCartItemInput;
}>;


export type RemoveCartItemMutation = { removeCartItem: { id: string, version: number, itemCount: number, token: string | null, subtotal: { amount: string, cents: number, currency: string }, items: Array<{ quantity: number, priceChanged: boolean, unitPrice: { amount: string, cents: number, currency: string }, currentPrice: { amount: string, cents: number, currency: string } | null, book: { isbn13: string, title: string }, store: { id: string, name: string } | null }> } };

export type CheckoutMutationVariables = Exact<{
  input: CheckoutInput;
}>;


export type CheckoutMutation = { checkout: { status: CheckoutStatus, reason: string | null, orderAccessToken: string | null, total: { amount: string, cents: number, currency: string } | null, problems: Array<{ kind: CartProblemKind, message: string, book: { title: string } }>, order: { id: string } | null } };

export type OrderFieldsFragment = { id: string, number: string, status: OrderStatus, placedAt: string, cancellable: boolean, total: { amount: string, cents: number, currency: string }, shippingAddress: { name: string, line1: string, line2: string | null, city: string, region: string | null, postalCode: string, country: string } | null, payment: { brand: string | null, last4: string | null, authorized: { amount: string, cents: number, currency: string }, captured: { amount: string, cents: number, currency: string }, refunded: { amount: string, cents: number, currency: string } } | null, lines: Array<{ quantity: number, unitPrice: { amount: string, cents: number, currency: string }, book: { isbn13: string, title: string } }>, shipments: Array<{ status: OrderStatus, carrier: string | null, trackingNumber: string | null, estimatedDelivery: string | null, store: { name: string } | null, shipping: { amount: string, cents: number, currency: string } }>, events: Array<{ status: string, at: string, note: string | null }> };

export type OrderPageQueryVariables = Exact<{
  id: string | number;
  accessToken?: string | null | undefined;
}>;


export type OrderPageQuery = { order: { id: string, number: string, status: OrderStatus, placedAt: string, cancellable: boolean, total: { amount: string, cents: number, currency: string }, shippingAddress: { name: string, line1: string, line2: string | null, city: string, region: string | null, postalCode: string, country: string } | null, payment: { brand: string | null, last4: string | null, authorized: { amount: string, cents: number, currency: string }, captured: { amount: string, cents: number, currency: string }, refunded: { amount: string, cents: number, currency: string } } | null, lines: Array<{ quantity: number, unitPrice: { amount: string, cents: number, currency: string }, book: { isbn13: string, title: string } }>, shipments: Array<{ status: OrderStatus, carrier: string | null, trackingNumber: string | null, estimatedDelivery: string | null, store: { name: string } | null, shipping: { amount: string, cents: number, currency: string } }>, events: Array<{ status: string, at: string, note: string | null }> } | null };

export type OrderStatusChangedSubscriptionVariables = Exact<{
  orderId: string | number;
  accessToken?: string | null | undefined;
}>;


export type OrderStatusChangedSubscription = { orderStatusChanged: { id: string, number: string, status: OrderStatus, placedAt: string, cancellable: boolean, total: { amount: string, cents: number, currency: string }, shippingAddress: { name: string, line1: string, line2: string | null, city: string, region: string | null, postalCode: string, country: string } | null, payment: { brand: string | null, last4: string | null, authorized: { amount: string, cents: number, currency: string }, captured: { amount: string, cents: number, currency: string }, refunded: { amount: string, cents: number, currency: string } } | null, lines: Array<{ quantity: number, unitPrice: { amount: string, cents: number, currency: string }, book: { isbn13: string, title: string } }>, shipments: Array<{ status: OrderStatus, carrier: string | null, trackingNumber: string | null, estimatedDelivery: string | null, store: { name: string } | null, shipping: { amount: string, cents: number, currency: string } }>, events: Array<{ status: string, at: string, note: string | null }> } };

export type CancelOrderMutationVariables = Exact<{
  id: string | number;
  accessToken?: string | null | undefined;
}>;


export type CancelOrderMutation = { cancelOrder: { id: string, number: string, status: OrderStatus, placedAt: string, cancellable: boolean, total: { amount: string, cents: number, currency: string }, shippingAddress: { name: string, line1: string, line2: string | null, city: string, region: string | null, postalCode: string, country: string } | null, payment: { brand: string | null, last4: string | null, authorized: { amount: string, cents: number, currency: string }, captured: { amount: string, cents: number, currency: string }, refunded: { amount: string, cents: number, currency: string } } | null, lines: Array<{ quantity: number, unitPrice: { amount: string, cents: number, currency: string }, book: { isbn13: string, title: string } }>, shipments: Array<{ status: OrderStatus, carrier: string | null, trackingNumber: string | null, estimatedDelivery: string | null, store: { name: string } | null, shipping: { amount: string, cents: number, currency: string } }>, events: Array<{ status: string, at: string, note: string | null }> } };

export type MyOrdersQueryVariables = Exact<{ [key: string]: never; }>;


export type MyOrdersQuery = { viewer: { orders: { edges: Array<{ node: { id: string, number: string, status: OrderStatus, placedAt: string, total: { amount: string, cents: number, currency: string }, lines: Array<{ quantity: number, book: { title: string } }> } }> } } | null };

export type SavedAddressFieldsFragment = { id: string, name: string, line1: string, line2: string | null, city: string, region: string | null, postalCode: string, country: string, isDefault: boolean };

export type MyAddressesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyAddressesQuery = { viewer: { addresses: Array<{ id: string, name: string, line1: string, line2: string | null, city: string, region: string | null, postalCode: string, country: string, isDefault: boolean }> } | null };

export type AddAddressMutationVariables = Exact<{
  input: AddAddressInput;
}>;


export type AddAddressMutation = { addAddress: { id: string, name: string, line1: string, line2: string | null, city: string, region: string | null, postalCode: string, country: string, isDefault: boolean } };

export type UpdateAddressMutationVariables = Exact<{
  input: UpdateAddressInput;
}>;


export type UpdateAddressMutation = { updateAddress: { id: string, name: string, line1: string, line2: string | null, city: string, region: string | null, postalCode: string, country: string, isDefault: boolean } };

export type RemoveAddressMutationVariables = Exact<{
  id: string | number;
}>;


export type RemoveAddressMutation = { removeAddress: boolean };

export type DealShelfFragment = { totalCount: number, edges: Array<{ percentOff: number | null, since: string, was: { amount: string, cents: number, currency: string } | null, price: { amount: string, cents: number, currency: string } | null, node: { id: string, isbn13: string, title: string, format: BookFormat, authors: Array<{ name: string }> } }> };

export type HomeDealsQueryVariables = Exact<{
  first: number;
}>;


export type HomeDealsQuery = { drops: { totalCount: number, edges: Array<{ percentOff: number | null, since: string, was: { amount: string, cents: number, currency: string } | null, price: { amount: string, cents: number, currency: string } | null, node: { id: string, isbn13: string, title: string, format: BookFormat, authors: Array<{ name: string }> } }> }, lows: { totalCount: number, edges: Array<{ percentOff: number | null, since: string, was: { amount: string, cents: number, currency: string } | null, price: { amount: string, cents: number, currency: string } | null, node: { id: string, isbn13: string, title: string, format: BookFormat, authors: Array<{ name: string }> } }> }, watched: { totalCount: number, edges: Array<{ percentOff: number | null, since: string, was: { amount: string, cents: number, currency: string } | null, price: { amount: string, cents: number, currency: string } | null, node: { id: string, isbn13: string, title: string, format: BookFormat, authors: Array<{ name: string }> } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const MoneyFieldsFragmentDoc = new TypedDocumentString(`
    fragment MoneyFields on Money {
  amount
  cents
  currency
}
    `, {"fragmentName":"MoneyFields"}) as unknown as TypedDocumentString<MoneyFieldsFragment, unknown>;
export const OfferFieldsFragmentDoc = new TypedDocumentString(`
    fragment OfferFields on Offer {
  inStock
  ageSeconds
  source
  price {
    ...MoneyFields
  }
  shipping {
    ...MoneyFields
  }
  total {
    ...MoneyFields
  }
  store {
    id
    name
    slug
    kind
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}`, {"fragmentName":"OfferFields"}) as unknown as TypedDocumentString<OfferFieldsFragment, unknown>;
export const AlertFieldsFragmentDoc = new TypedDocumentString(`
    fragment AlertFields on PriceAlert {
  id
  rule
  armed
  channels
  dropPercent
  threshold {
    ...MoneyFields
  }
  lastNotifiedPrice {
    ...MoneyFields
  }
  book {
    isbn13
    title
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}`, {"fragmentName":"AlertFields"}) as unknown as TypedDocumentString<AlertFieldsFragment, unknown>;
export const CartFieldsFragmentDoc = new TypedDocumentString(`
    fragment CartFields on Cart {
  id
  version
  itemCount
  token
  subtotal {
    ...MoneyFields
  }
  items {
    quantity
    priceChanged
    unitPrice {
      ...MoneyFields
    }
    currentPrice {
      ...MoneyFields
    }
    book {
      isbn13
      title
    }
    store {
      id
      name
    }
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}`, {"fragmentName":"CartFields"}) as unknown as TypedDocumentString<CartFieldsFragment, unknown>;
export const OrderFieldsFragmentDoc = new TypedDocumentString(`
    fragment OrderFields on Order {
  id
  number
  status
  placedAt
  cancellable
  total {
    ...MoneyFields
  }
  shippingAddress {
    name
    line1
    line2
    city
    region
    postalCode
    country
  }
  payment {
    authorized {
      ...MoneyFields
    }
    captured {
      ...MoneyFields
    }
    refunded {
      ...MoneyFields
    }
    brand
    last4
  }
  lines {
    quantity
    unitPrice {
      ...MoneyFields
    }
    book {
      isbn13
      title
    }
  }
  shipments {
    status
    store {
      name
    }
    shipping {
      ...MoneyFields
    }
    carrier
    trackingNumber
    estimatedDelivery
  }
  events {
    status
    at
    note
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}`, {"fragmentName":"OrderFields"}) as unknown as TypedDocumentString<OrderFieldsFragment, unknown>;
export const SavedAddressFieldsFragmentDoc = new TypedDocumentString(`
    fragment SavedAddressFields on SavedAddress {
  id
  name
  line1
  line2
  city
  region
  postalCode
  country
  isDefault
}
    `, {"fragmentName":"SavedAddressFields"}) as unknown as TypedDocumentString<SavedAddressFieldsFragment, unknown>;
export const DealShelfFragmentDoc = new TypedDocumentString(`
    fragment DealShelf on BookConnection {
  totalCount
  edges {
    percentOff
    since
    was {
      ...MoneyFields
    }
    price {
      ...MoneyFields
    }
    node {
      id
      isbn13
      title
      format
      authors {
        name
      }
    }
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}`, {"fragmentName":"DealShelf"}) as unknown as TypedDocumentString<DealShelfFragment, unknown>;
export const SearchBooksDocument = new TypedDocumentString(`
    query SearchBooks($query: String, $filter: BookFilter, $sort: BookSort!, $first: Int!, $after: String) {
  searchBooks(
    query: $query
    filter: $filter
    sort: $sort
    first: $first
    after: $after
  ) {
    totalCount
    correctedQuery
    mode
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        isbn13
        title
        subtitle
        format
        publishedYear
        authors {
          name
        }
        listPrice {
          ...MoneyFields
        }
        lowestOffer {
          total {
            ...MoneyFields
          }
        }
      }
    }
    facets {
      categories {
        value
        label
        count
      }
      languages {
        value
        label
        count
      }
      priceRanges {
        value
        label
        count
      }
      inStock
    }
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}`, {"hash":"sha256:bdf311cecfacaed86723c7ed23d8fd72fbba710f798a602b43ab1f4fe850f76b"}) as unknown as TypedDocumentString<SearchBooksQuery, SearchBooksQueryVariables>;
export const SuggestionsDocument = new TypedDocumentString(`
    query Suggestions($query: String!) {
  searchBooks(query: $query, first: 8) {
    edges {
      node {
        isbn13
        title
        format
        publishedYear
        authors {
          name
        }
      }
    }
  }
}
    `, {"hash":"sha256:c761547d4825feb0750da00733ab965576b6d14d392d1b23fcc2659866a55c04"}) as unknown as TypedDocumentString<SuggestionsQuery, SuggestionsQueryVariables>;
export const BookPageDocument = new TypedDocumentString(`
    query BookPage($isbn: String!) {
  book(isbn: $isbn) {
    id
    isbn13
    isbn10
    title
    subtitle
    description
    format
    language
    publisher
    publishedYear
    stock
    available
    authors {
      name
    }
    category {
      name
    }
    listPrice {
      ...MoneyFields
    }
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}`, {"hash":"sha256:4933dcdc46a4d4c96e36c89b2683a44e5af81a2af5589f3eda07a78b535a18ff"}) as unknown as TypedDocumentString<BookPageQuery, BookPageQueryVariables>;
export const BookOffersDocument = new TypedDocumentString(`
    query BookOffers($isbn: String!, $maxAgeSeconds: Int) {
  book(isbn: $isbn) {
    ownOffer {
      ...OfferFields
    }
    offers(maxAgeSeconds: $maxAgeSeconds) {
      ...OfferFields
    }
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}
fragment OfferFields on Offer {
  inStock
  ageSeconds
  source
  price {
    ...MoneyFields
  }
  shipping {
    ...MoneyFields
  }
  total {
    ...MoneyFields
  }
  store {
    id
    name
    slug
    kind
  }
}`, {"hash":"sha256:189d0a3fe7ac4319b8520b6cf0bf19b1d184546d2ab05e0c192ec49aac7908de"}) as unknown as TypedDocumentString<BookOffersQuery, BookOffersQueryVariables>;
export const OffersUpdatedDocument = new TypedDocumentString(`
    subscription OffersUpdated($isbn: String!) {
  offersUpdated(isbn: $isbn) {
    ...OfferFields
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}
fragment OfferFields on Offer {
  inStock
  ageSeconds
  source
  price {
    ...MoneyFields
  }
  shipping {
    ...MoneyFields
  }
  total {
    ...MoneyFields
  }
  store {
    id
    name
    slug
    kind
  }
}`, {"hash":"sha256:113f3fc418fffb577215180ec58c65fe821eaa147eb6f9590943706677340493"}) as unknown as TypedDocumentString<OffersUpdatedSubscription, OffersUpdatedSubscriptionVariables>;
export const PriceHistoryDocument = new TypedDocumentString(`
    query PriceHistory($isbn: String!, $granularity: Granularity!, $from: DateTime, $storeId: ID) {
  book(isbn: $isbn) {
    priceHistory(granularity: $granularity, from: $from, storeId: $storeId) {
      current {
        ...MoneyFields
      }
      lowest30d {
        ...MoneyFields
      }
      allTimeLow {
        ...MoneyFields
      }
      allTimeHigh {
        ...MoneyFields
      }
      isGoodDeal
      points {
        bucket
        low {
          cents
        }
        high {
          cents
        }
        close {
          cents
        }
      }
    }
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}`, {"hash":"sha256:107b563c46142fec6f643fc7092523881dfd03e7e7a0901d0b16f9fed0877147"}) as unknown as TypedDocumentString<PriceHistoryQuery, PriceHistoryQueryVariables>;
export const PurchaseBookDocument = new TypedDocumentString(`
    mutation PurchaseBook($input: PurchaseBookInput!) {
  purchaseBook(input: $input) {
    status
    reason
    storesAsked
    storesAnswered
    pricePaid {
      ...MoneyFields
    }
    lowestPrice {
      ...MoneyFields
    }
    order {
      id
    }
    watch {
      id
      threshold {
        ...MoneyFields
      }
    }
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}`, {"hash":"sha256:e9030891c90269c0f354f776f18b74bd587b9085eaeceb0560fe6a13981f6743"}) as unknown as TypedDocumentString<PurchaseBookMutation, PurchaseBookMutationVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($email: String!, $password: String!) {
  signIn(email: $email, password: $password) {
    token
    user {
      email
    }
  }
}
    `, {"hash":"sha256:3144c8d0398e8892aa3f09bd004029876df501eda758dd6fa1ea1bf0a7b26eba"}) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const SignUpDocument = new TypedDocumentString(`
    mutation SignUp($email: String!, $password: String!) {
  signUp(email: $email, password: $password) {
    token
    user {
      email
    }
  }
}
    `, {"hash":"sha256:b74b5cd3734568726492e326945c1ceb692c8a3549ff5b14ca6ff2f7c68b9f8a"}) as unknown as TypedDocumentString<SignUpMutation, SignUpMutationVariables>;
export const MergeCartDocument = new TypedDocumentString(`
    mutation MergeCart($cartToken: String!) {
  mergeCart(cartToken: $cartToken) {
    itemCount
  }
}
    `, {"hash":"sha256:c1dc8c6dbc597d6be5c4e72cca865820c119d011c9a674bf286de7a857787949"}) as unknown as TypedDocumentString<MergeCartMutation, MergeCartMutationVariables>;
export const MyAlertsDocument = new TypedDocumentString(`
    query MyAlerts {
  viewer {
    priceAlerts {
      ...AlertFields
    }
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}
fragment AlertFields on PriceAlert {
  id
  rule
  armed
  channels
  dropPercent
  threshold {
    ...MoneyFields
  }
  lastNotifiedPrice {
    ...MoneyFields
  }
  book {
    isbn13
    title
  }
}`, {"hash":"sha256:9175e085d0b04465e809870e740fb41afb954780071370e10c1a9f990788cbc3"}) as unknown as TypedDocumentString<MyAlertsQuery, MyAlertsQueryVariables>;
export const CreateAlertDocument = new TypedDocumentString(`
    mutation CreateAlert($input: CreatePriceAlertInput!) {
  createPriceAlert(input: $input) {
    ...AlertFields
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}
fragment AlertFields on PriceAlert {
  id
  rule
  armed
  channels
  dropPercent
  threshold {
    ...MoneyFields
  }
  lastNotifiedPrice {
    ...MoneyFields
  }
  book {
    isbn13
    title
  }
}`, {"hash":"sha256:612f5e9c4d43f3395a63194beed2957d630841ea8029f9a3bf7a5d014efb3fda"}) as unknown as TypedDocumentString<CreateAlertMutation, CreateAlertMutationVariables>;
export const DeleteAlertDocument = new TypedDocumentString(`
    mutation DeleteAlert($id: ID!) {
  deletePriceAlert(id: $id)
}
    `, {"hash":"sha256:41bb74a7d4113f0edead8cffb84ad3583eeac747b0158a0030f66f26f29b8d73"}) as unknown as TypedDocumentString<DeleteAlertMutation, DeleteAlertMutationVariables>;
export const PriceDroppedDocument = new TypedDocumentString(`
    subscription PriceDropped($isbn: String) {
  priceDropped(isbn: $isbn) {
    at
    book {
      isbn13
      title
    }
    store {
      name
    }
    oldPrice {
      ...MoneyFields
    }
    newPrice {
      ...MoneyFields
    }
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}`, {"hash":"sha256:facb7880f45cc1ec5dbec15765b1a23a29917b305de331917cb14e8c63909042"}) as unknown as TypedDocumentString<PriceDroppedSubscription, PriceDroppedSubscriptionVariables>;
export const CreateCartDocument = new TypedDocumentString(`
    mutation CreateCart {
  createCart {
    token
  }
}
    `, {"hash":"sha256:6b8ffc2ea67b7c7ccb483a98f1c8ec670b2330f7df8e7e82fa51aaca7a42896e"}) as unknown as TypedDocumentString<CreateCartMutation, CreateCartMutationVariables>;
export const CartQueryDocument = new TypedDocumentString(`
    query CartQuery($cartToken: String) {
  cart(cartToken: $cartToken) {
    ...CartFields
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}
fragment CartFields on Cart {
  id
  version
  itemCount
  token
  subtotal {
    ...MoneyFields
  }
  items {
    quantity
    priceChanged
    unitPrice {
      ...MoneyFields
    }
    currentPrice {
      ...MoneyFields
    }
    book {
      isbn13
      title
    }
    store {
      id
      name
    }
  }
}`, {"hash":"sha256:280ab7cff1748163a887ed5489c6955538a6b05bb87f8e17951bc8b66d70dba6"}) as unknown as TypedDocumentString<CartQueryQuery, CartQueryQueryVariables>;
export const AddToCartDocument = new TypedDocumentString(`
    mutation AddToCart($input: AddToCartInput!) {
  addToCart(input: $input) {
    ...CartFields
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}
fragment CartFields on Cart {
  id
  version
  itemCount
  token
  subtotal {
    ...MoneyFields
  }
  items {
    quantity
    priceChanged
    unitPrice {
      ...MoneyFields
    }
    currentPrice {
      ...MoneyFields
    }
    book {
      isbn13
      title
    }
    store {
      id
      name
    }
  }
}`, {"hash":"sha256:f244c83b5c9162f8e745463484717b9e83b886c746020c67e52a1004650f705c"}) as unknown as TypedDocumentString<AddToCartMutation, AddToCartMutationVariables>;
export const UpdateCartItemDocument = new TypedDocumentString(`
    mutation UpdateCartItem($input: UpdateCartItemInput!) {
  updateCartItem(input: $input) {
    ...CartFields
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}
fragment CartFields on Cart {
  id
  version
  itemCount
  token
  subtotal {
    ...MoneyFields
  }
  items {
    quantity
    priceChanged
    unitPrice {
      ...MoneyFields
    }
    currentPrice {
      ...MoneyFields
    }
    book {
      isbn13
      title
    }
    store {
      id
      name
    }
  }
}`, {"hash":"sha256:17265ce0998857ac273f8c5363c5b89a7b140123d80cc6e08a1907a420270af0"}) as unknown as TypedDocumentString<UpdateCartItemMutation, UpdateCartItemMutationVariables>;
export const RemoveCartItemDocument = new TypedDocumentString(`
    mutation RemoveCartItem($input: RemoveCartItemInput!) {
  removeCartItem(input: $input) {
    ...CartFields
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}
fragment CartFields on Cart {
  id
  version
  itemCount
  token
  subtotal {
    ...MoneyFields
  }
  items {
    quantity
    priceChanged
    unitPrice {
      ...MoneyFields
    }
    currentPrice {
      ...MoneyFields
    }
    book {
      isbn13
      title
    }
    store {
      id
      name
    }
  }
}`, {"hash":"sha256:339764b97b77a4ad000bde8fdbf30329dc5785f0e6b672af0f23ce665b7b23c8"}) as unknown as TypedDocumentString<RemoveCartItemMutation, RemoveCartItemMutationVariables>;
export const CheckoutDocument = new TypedDocumentString(`
    mutation Checkout($input: CheckoutInput!) {
  checkout(input: $input) {
    status
    reason
    total {
      ...MoneyFields
    }
    problems {
      kind
      message
      book {
        title
      }
    }
    order {
      id
    }
    orderAccessToken
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}`, {"hash":"sha256:ed14fb0e1e740fa71df82b4d6c0c58029a9ef16adf9fc9f01274e8a70d382ed8"}) as unknown as TypedDocumentString<CheckoutMutation, CheckoutMutationVariables>;
export const OrderPageDocument = new TypedDocumentString(`
    query OrderPage($id: ID!, $accessToken: String) {
  order(id: $id, accessToken: $accessToken) {
    ...OrderFields
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}
fragment OrderFields on Order {
  id
  number
  status
  placedAt
  cancellable
  total {
    ...MoneyFields
  }
  shippingAddress {
    name
    line1
    line2
    city
    region
    postalCode
    country
  }
  payment {
    authorized {
      ...MoneyFields
    }
    captured {
      ...MoneyFields
    }
    refunded {
      ...MoneyFields
    }
    brand
    last4
  }
  lines {
    quantity
    unitPrice {
      ...MoneyFields
    }
    book {
      isbn13
      title
    }
  }
  shipments {
    status
    store {
      name
    }
    shipping {
      ...MoneyFields
    }
    carrier
    trackingNumber
    estimatedDelivery
  }
  events {
    status
    at
    note
  }
}`, {"hash":"sha256:85723b03ead9c5346210fbdb735f8d48d9dd7f28336705144faee7809b515fc7"}) as unknown as TypedDocumentString<OrderPageQuery, OrderPageQueryVariables>;
export const OrderStatusChangedDocument = new TypedDocumentString(`
    subscription OrderStatusChanged($orderId: ID!, $accessToken: String) {
  orderStatusChanged(orderId: $orderId, accessToken: $accessToken) {
    ...OrderFields
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}
fragment OrderFields on Order {
  id
  number
  status
  placedAt
  cancellable
  total {
    ...MoneyFields
  }
  shippingAddress {
    name
    line1
    line2
    city
    region
    postalCode
    country
  }
  payment {
    authorized {
      ...MoneyFields
    }
    captured {
      ...MoneyFields
    }
    refunded {
      ...MoneyFields
    }
    brand
    last4
  }
  lines {
    quantity
    unitPrice {
      ...MoneyFields
    }
    book {
      isbn13
      title
    }
  }
  shipments {
    status
    store {
      name
    }
    shipping {
      ...MoneyFields
    }
    carrier
    trackingNumber
    estimatedDelivery
  }
  events {
    status
    at
    note
  }
}`, {"hash":"sha256:af443af5981a324d7f20663816e636e6e3b0fdfe29e91f5d53374fc55b7181c5"}) as unknown as TypedDocumentString<OrderStatusChangedSubscription, OrderStatusChangedSubscriptionVariables>;
export const CancelOrderDocument = new TypedDocumentString(`
    mutation CancelOrder($id: ID!, $accessToken: String) {
  cancelOrder(id: $id, accessToken: $accessToken) {
    ...OrderFields
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}
fragment OrderFields on Order {
  id
  number
  status
  placedAt
  cancellable
  total {
    ...MoneyFields
  }
  shippingAddress {
    name
    line1
    line2
    city
    region
    postalCode
    country
  }
  payment {
    authorized {
      ...MoneyFields
    }
    captured {
      ...MoneyFields
    }
    refunded {
      ...MoneyFields
    }
    brand
    last4
  }
  lines {
    quantity
    unitPrice {
      ...MoneyFields
    }
    book {
      isbn13
      title
    }
  }
  shipments {
    status
    store {
      name
    }
    shipping {
      ...MoneyFields
    }
    carrier
    trackingNumber
    estimatedDelivery
  }
  events {
    status
    at
    note
  }
}`, {"hash":"sha256:a34ab81f2547c6df72d8b4bae7e21b801eedf1eeb9d0b07dfe2965a6e911c6c8"}) as unknown as TypedDocumentString<CancelOrderMutation, CancelOrderMutationVariables>;
export const MyOrdersDocument = new TypedDocumentString(`
    query MyOrders {
  viewer {
    orders(first: 20) {
      edges {
        node {
          id
          number
          status
          placedAt
          total {
            ...MoneyFields
          }
          lines {
            quantity
            book {
              title
            }
          }
        }
      }
    }
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}`, {"hash":"sha256:df679c9b0c46dbce51b11ebee58c716d50b951ac4f0462bb5808ede3be1f93a3"}) as unknown as TypedDocumentString<MyOrdersQuery, MyOrdersQueryVariables>;
export const MyAddressesDocument = new TypedDocumentString(`
    query MyAddresses {
  viewer {
    addresses {
      ...SavedAddressFields
    }
  }
}
    fragment SavedAddressFields on SavedAddress {
  id
  name
  line1
  line2
  city
  region
  postalCode
  country
  isDefault
}`, {"hash":"sha256:9f3d9d498edd3925908a30c08794cd47e18eafdd17f913c61594e9114ebfe71c"}) as unknown as TypedDocumentString<MyAddressesQuery, MyAddressesQueryVariables>;
export const AddAddressDocument = new TypedDocumentString(`
    mutation AddAddress($input: AddAddressInput!) {
  addAddress(input: $input) {
    ...SavedAddressFields
  }
}
    fragment SavedAddressFields on SavedAddress {
  id
  name
  line1
  line2
  city
  region
  postalCode
  country
  isDefault
}`, {"hash":"sha256:e07c988b2a5c15520c136be3bc0cfe9831730b58396e17dbb6f9dff00740eb4c"}) as unknown as TypedDocumentString<AddAddressMutation, AddAddressMutationVariables>;
export const UpdateAddressDocument = new TypedDocumentString(`
    mutation UpdateAddress($input: UpdateAddressInput!) {
  updateAddress(input: $input) {
    ...SavedAddressFields
  }
}
    fragment SavedAddressFields on SavedAddress {
  id
  name
  line1
  line2
  city
  region
  postalCode
  country
  isDefault
}`, {"hash":"sha256:e253ab2f5710dd8002d1776805ecef53624f2016cbe418fea9312d5707f838f9"}) as unknown as TypedDocumentString<UpdateAddressMutation, UpdateAddressMutationVariables>;
export const RemoveAddressDocument = new TypedDocumentString(`
    mutation RemoveAddress($id: ID!) {
  removeAddress(id: $id)
}
    `, {"hash":"sha256:150547cfd772a15087970d40de4b78477fda9c48b4bf89e7611dbb44ce04e4da"}) as unknown as TypedDocumentString<RemoveAddressMutation, RemoveAddressMutationVariables>;
export const HomeDealsDocument = new TypedDocumentString(`
    query HomeDeals($first: Int!) {
  drops: deals(kind: BIGGEST_DROPS, first: $first) {
    ...DealShelf
  }
  lows: deals(kind: LOWEST_IN_30_DAYS, first: $first) {
    ...DealShelf
  }
  watched: deals(kind: RECENTLY_WATCHED, first: $first) {
    ...DealShelf
  }
}
    fragment MoneyFields on Money {
  amount
  cents
  currency
}
fragment DealShelf on BookConnection {
  totalCount
  edges {
    percentOff
    since
    was {
      ...MoneyFields
    }
    price {
      ...MoneyFields
    }
    node {
      id
      isbn13
      title
      format
      authors {
        name
      }
    }
  }
}`, {"hash":"sha256:6d218b9d00791133d56ff19074deef88c53327d39e027f357022f7b4d80112a9"}) as unknown as TypedDocumentString<HomeDealsQuery, HomeDealsQueryVariables>;