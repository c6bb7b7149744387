import type { Address } from '../lib/address.js';

/** What Folio needs from a partner bookstore; the HTTP adapter speaks to the simulator, a real partner is one more. */
export interface PartnerQuote {
  isbn13: string;
  priceCents: number;
  shippingCents: number;
  currency: string;
  inStock: boolean;
  /** How the store describes the book, as bookstore and affiliate APIs do (absent if it says nothing usable). */
  book?: PartnerBookDescription;
}

export interface PartnerBookDescription {
  title: string;
  subtitle: string | null;
  authors: string[];
  publisher: string | null;
  year: number | null;
  language: string | null;
  format: string | null;
}

export interface PartnerOrder {
  orderId: string;
  reference: string;
  status: 'PLACED' | 'PROCESSING' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';
  unitPriceCents: number;
  shippingCents: number;
  totalCents: number;
  /** Who carries it, its tracking number once shipped, and the day the store expects it at the door (YYYY-MM-DD); null where the store does not say. */
  carrier: string | null;
  trackingNumber: string | null;
  estimatedDelivery: string | null;
}

export interface PlaceOrderInput {
  isbn13: string;
  quantity: number;
  expectedPriceCents: number;
  /** Folio's own id for the order: the partner treats a repeat as the same order. */
  reference: string;
  /** The partner ships straight to the shopper. */
  shippingAddress: Address;
}

export type PlaceOrderResult = { status: 'PLACED'; order: PartnerOrder } | { status: 'PRICE_CHANGED'; currentPriceCents: number } | { status: 'OUT_OF_STOCK' };

export interface PartnerAdapter {
  /** null when the store does not carry the book. */
  getPrice(isbn13: string, signal: AbortSignal): Promise<PartnerQuote | null>;
  /** Only for stores that support batch look-ups; missing books are absent from the map. */
  getPrices(isbns: readonly string[], signal: AbortSignal): Promise<Map<string, PartnerQuote>>;
  placeOrder(input: PlaceOrderInput, signal: AbortSignal): Promise<PlaceOrderResult>;
  getOrder(orderId: string, signal: AbortSignal): Promise<PartnerOrder>;
  /** The order placed with this reference, or null: settles whether an interrupted order went through. */
  findOrder(reference: string, signal: AbortSignal): Promise<PartnerOrder | null>;
  /** Cancels an order not yet shipped; cancelling a cancelled order is a no-op. */
  cancelOrder(orderId: string, signal: AbortSignal): Promise<PartnerOrder>;
}

/** Why a partner call produced no answer; `countsAgainstStore` says whether it should trip the breaker. */
export class PartnerError extends Error {
  constructor(
    /** NOT_FOUND: the store answered that it has no such order, a definite answer from a healthy store. */
    readonly kind: 'RATE_LIMITED' | 'UNAVAILABLE' | 'SERVER_ERROR' | 'TIMEOUT' | 'NETWORK' | 'BAD_RESPONSE' | 'NOT_FOUND' | 'SKIPPED',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PartnerError';
  }

  get countsAgainstStore(): boolean {
    return this.kind !== 'RATE_LIMITED' && this.kind !== 'SKIPPED' && this.kind !== 'NOT_FOUND';
  }

  get retryable(): boolean {
    return this.kind === 'UNAVAILABLE' || this.kind === 'SERVER_ERROR' || this.kind === 'TIMEOUT' || this.kind === 'NETWORK';
  }
}
