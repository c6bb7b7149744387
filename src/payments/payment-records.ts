import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { PaymentProvider } from './provider.js';

/**
 * Folio's record of its payments moves with each provider call, made first (the provider is the
 * truth; every call is idempotent by its key, so a retry after a crash is safe).
 */
export function createPaymentRecords(db: Kysely<Database>, payments: PaymentProvider) {
  async function mark(reference: string, status: 'VOIDED' | 'REFUNDED' | 'CAPTURED') {
    await db.updateTable('payments').set({ status, updatedAt: new Date() }).where('providerReference', '=', reference).execute();
  }
  return {
    async void(reference: string): Promise<void> {
      await payments.void(reference, `${reference}-void`);
      await mark(reference, 'VOIDED');
    },
    async refund(reference: string): Promise<void> {
      await payments.refund(reference, `${reference}-refund`);
      await mark(reference, 'REFUNDED');
    },
    /** After a provider failure the authorisation may or may not exist: if it does, release it. */
    async release(authorizeKey: string): Promise<void> {
      const payment = await payments.findByKey(authorizeKey).catch(() => null);
      if (payment?.status === 'AUTHORIZED') await payments.void(payment.reference, `${payment.reference}-void`);
      if (payment?.status === 'CAPTURED') await payments.refund(payment.reference, `${payment.reference}-refund`);
    },
  };
}

export type PaymentRecords = ReturnType<typeof createPaymentRecords>;
