import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { type CardDetails, type PaymentProvider, PaymentProviderError, type ProviderPayment } from './provider.js';

/**
 * Folio's record of its payments moves with each provider call, made first (the provider is the
 * truth; every call is idempotent by its key, so a retry after a crash is safe).
 */
export function createPaymentRecords(db: Kysely<Database>, payments: PaymentProvider) {
  async function mark(reference: string, status: 'VOIDED' | 'REFUNDED' | 'CAPTURED') {
    await db.updateTable('payments').set({ status, updatedAt: new Date() }).where('providerReference', '=', reference).execute();
  }
  /** After a provider failure the authorisation may or may not exist: if it does, release it. */
  async function release(authorizeKey: string) {
    const payment = await payments.findByKey(authorizeKey).catch(() => null);
    if (payment?.status === 'AUTHORIZED') await payments.void(payment.reference, `${payment.reference}-void`);
    if (payment?.status === 'CAPTURED') await payments.refund(payment.reference, `${payment.reference}-refund`);
  }
  /** The payment row of an authorisation, written once per authorisation key (a repeat finds it there). */
  async function write(authorizeKey: string, payment: ProviderPayment & { currency?: string; card?: CardDetails | null }, owner: PaymentOwner) {
    await db
      .insertInto('payments')
      .values({
        provider: payments.name,
        providerReference: payment.reference,
        idempotencyKey: authorizeKey,
        amountCents: payment.amountCents,
        status: payment.status,
        currency: payment.currency,
        cardBrand: payment.card?.brand ?? null,
        cardLast4: payment.card?.last4 ?? null,
        ...owner,
      })
      .onConflict((conflict) => conflict.column('idempotencyKey').doNothing())
      .execute();
  }
  /** The payment row of an authorisation, which the process may have died before writing. */
  const note = (authorizeKey: string, payment: ProviderPayment, owner: PaymentOwner) => write(authorizeKey, { ...payment, status: 'AUTHORIZED' }, owner);
  return {
    note,
    /**
     * Authorises the amount and records the payment whatever the answer (a decline too): the one way a
     * purchase or a checkout takes a payment. A provider fault releases whatever it may have held.
     */
    async authorize(request: { token: string; amountCents: number; currency: string; authorizeKey: string; owner: PaymentOwner }): Promise<Authorization> {
      let authorization;
      try {
        authorization = await payments.authorize({
          token: request.token,
          amountCents: request.amountCents,
          currency: request.currency,
          idempotencyKey: request.authorizeKey,
        });
      } catch (error) {
        if (!(error instanceof PaymentProviderError)) throw error;
        await release(request.authorizeKey);
        return { status: 'FAILED', reason: 'The payment provider failed; nothing was charged' };
      }
      await write(request.authorizeKey, { ...authorization, amountCents: request.amountCents, currency: request.currency }, request.owner);
      if (authorization.status === 'DECLINED') {
        return { status: 'PAYMENT_DECLINED', reason: authorization.reason === 'INSUFFICIENT_FUNDS' ? 'Insufficient funds' : 'The card was declined' };
      }
      return { status: 'AUTHORIZED', reference: authorization.reference };
    },
    async void(reference: string): Promise<void> {
      await payments.void(reference, `${reference}-void`);
      await mark(reference, 'VOIDED');
    },
    async refund(reference: string): Promise<void> {
      await payments.refund(reference, `${reference}-refund`);
      await mark(reference, 'REFUNDED');
    },
    /**
     * Releases whatever the provider holds under an authorisation key of an interrupted purchase or
     * checkout (voids what is only authorised, refunds a capture) and notes it. Whether anything was held.
     */
    async undo(authorizeKey: string, owner: PaymentOwner, known?: ProviderPayment): Promise<boolean> {
      const payment = known ?? (await payments.findByKey(authorizeKey));
      if (!payment || payment.status === 'DECLINED') return false;
      if (payment.status === 'AUTHORIZED') await payments.void(payment.reference, `${payment.reference}-void`);
      if (payment.status === 'CAPTURED') await payments.refund(payment.reference, `${payment.reference}-refund`);
      await note(authorizeKey, payment, owner);
      await mark(payment.reference, payment.status === 'CAPTURED' || payment.status === 'REFUNDED' ? 'REFUNDED' : 'VOIDED');
      return true;
    },
  };
}

/** An authorisation's outcome, in the words a purchase's or a checkout's result uses. */
export type Authorization = { status: 'AUTHORIZED'; reference: string } | { status: 'PAYMENT_DECLINED' | 'FAILED'; reason: string };

/** What a payment was taken for. */
export type PaymentOwner = { purchaseRequestId: number } | { checkoutId: number };

export type PaymentRecords = ReturnType<typeof createPaymentRecords>;
