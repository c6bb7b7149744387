import { InvalidInputError } from '../lib/errors.js';

/**
 * What Folio needs from a card processor. Every call is idempotent by its key, as with the large
 * processors: repeating a call (after a timeout, a crash, a retry) never charges twice.
 */
export interface PaymentProvider {
  readonly name: string;
  authorize(input: AuthorizeInput): Promise<AuthorizeResult>;
  capture(reference: string, idempotencyKey: string): Promise<void>;
  /** Releases an authorisation that will not be captured. */
  void(reference: string, idempotencyKey: string): Promise<void>;
  refund(reference: string, idempotencyKey: string): Promise<void>;
  /** The payment started with this authorisation key, as the provider holds it (to settle interrupted purchases). */
  findByKey(idempotencyKey: string): Promise<ProviderPayment | null>;
}

export interface AuthorizeInput {
  token: string;
  amountCents: number;
  currency: string;
  idempotencyKey: string;
}

export type AuthorizeResult =
  | { status: 'AUTHORIZED'; reference: string; card: CardDetails | null }
  | { status: 'DECLINED'; reference: string; card: CardDetails | null; reason: DeclineReason };

/** The card as the provider describes it for receipts: never its number or the token. */
export interface CardDetails {
  brand: string;
  last4: string;
}

export type DeclineReason = 'CARD_DECLINED' | 'INSUFFICIENT_FUNDS';

export interface ProviderPayment {
  reference: string;
  amountCents: number;
  status: 'AUTHORIZED' | 'CAPTURED' | 'VOIDED' | 'REFUNDED' | 'DECLINED';
}

/** The provider could not be reached or failed: nothing is known to have happened. */
export class PaymentProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentProviderError';
  }
}

/** A state change the payment's current state does not allow (capturing a voided payment). */
export class PaymentStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentStateError';
  }
}

/** A payment token argument: a card number is refused outright, anything but a provider token is bad input. */
export function checkPaymentToken(token: string, field: string): void {
  if (looksLikeCardNumber(token)) throw new InvalidInputError('Card numbers are never accepted: pass a payment token from the payment provider', { field });
  if (!/^tok_[A-Za-z0-9_]{1,100}$/.test(token)) throw new InvalidInputError(`${field} must be a payment provider token such as tok_visa`, { field });
}

/** Card numbers never reach Folio: a token is an opaque provider reference, never 13–19 digits. */
export function looksLikeCardNumber(value: string): boolean {
  return /^[\d\s-]{12,}$/.test(value.trim()) && value.replace(/\D/g, '').length >= 12;
}
