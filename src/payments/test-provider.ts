import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database, PaymentStatus } from '../db/database.js';
import {
  type AuthorizeInput,
  type AuthorizeResult,
  type CardDetails,
  type PaymentProvider,
  PaymentProviderError,
  PaymentStateError,
  type ProviderPayment,
} from './provider.js';

/** How long `tok_slow` takes to approve. */
export const SLOW_TOKEN_MS = 1_500;

/**
 * The built-in test provider, answering to the tokens of API.md: tok_visa approves, tok_chargeDeclined
 * and tok_insufficientFunds decline, tok_slow approves after a delay, tok_error fails. Its ledger is a
 * table of its own, written outside Folio's transactions, so like a remote processor it remembers
 * payments when Folio crashes mid-purchase.
 */
export class TestPaymentProvider implements PaymentProvider {
  readonly name = 'test';

  constructor(private readonly db: Kysely<Database>) {}

  async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
    // A repeated key answers as the first call did (record below does so too: its insert then finds the first).
    if (input.token === 'tok_error' || input.token === 'tok_slow') {
      const existing = await this.entry(input.idempotencyKey);
      if (existing) return resultOf(existing);
    }
    switch (input.token) {
      case 'tok_error':
        throw new PaymentProviderError('the payment provider failed to process the request');
      case 'tok_slow':
        await new Promise((resolve) => setTimeout(resolve, SLOW_TOKEN_MS));
        return this.record(input, 'AUTHORIZED', null);
      case 'tok_visa':
        return this.record(input, 'AUTHORIZED', null);
      case 'tok_chargeDeclined':
        return this.record(input, 'DECLINED', 'CARD_DECLINED');
      case 'tok_insufficientFunds':
        return this.record(input, 'DECLINED', 'INSUFFICIENT_FUNDS');
      default:
        return this.record(input, 'DECLINED', 'CARD_DECLINED');
    }
  }

  capture(reference: string): Promise<void> {
    return this.move(reference, ['AUTHORIZED'], 'CAPTURED');
  }

  void(reference: string): Promise<void> {
    return this.move(reference, ['AUTHORIZED'], 'VOIDED');
  }

  refund(reference: string): Promise<void> {
    return this.move(reference, ['CAPTURED'], 'REFUNDED');
  }

  async findByKey(idempotencyKey: string): Promise<ProviderPayment | null> {
    const row = await this.entry(idempotencyKey);
    return row ? { reference: row.reference, amountCents: row.amountCents, status: row.status } : null;
  }

  private async entry(idempotencyKey: string) {
    return this.db
      .selectFrom('testPaymentLedger')
      .select(['reference', 'amountCents', 'status', 'declineReason', 'token'])
      .where('idempotencyKey', '=', idempotencyKey)
      .executeTakeFirst();
  }

  private async record(input: AuthorizeInput, status: PaymentStatus, declineReason: string | null): Promise<AuthorizeResult> {
    const reference = `pay_${randomUUID().replaceAll('-', '')}`;
    // Two calls with one key (a repeat, or both at once): the first insert wins and both answer with it.
    const inserted = await this.db
      .insertInto('testPaymentLedger')
      .values({
        reference,
        idempotencyKey: input.idempotencyKey,
        token: input.token,
        amountCents: input.amountCents,
        currency: input.currency,
        status,
        declineReason,
      })
      .onConflict((conflict) => conflict.column('idempotencyKey').doNothing())
      .returning(['reference', 'amountCents', 'status', 'declineReason', 'token'])
      .executeTakeFirst();
    return resultOf(inserted ?? (await this.entry(input.idempotencyKey))!);
  }

  /** Idempotent: a payment already in the target state stays there; any other state is an error. */
  private async move(reference: string, from: PaymentStatus[], to: PaymentStatus): Promise<void> {
    const { rows } = await sql<{ status: PaymentStatus }>`
      WITH moved AS (
        UPDATE test_payment_ledger SET status = ${to}, updated_at = now()
        WHERE reference = ${reference} AND status = any(${from}::text[]) RETURNING status)
      SELECT status FROM moved
      UNION ALL SELECT status FROM test_payment_ledger WHERE reference = ${reference} AND NOT EXISTS (SELECT 1 FROM moved)`.execute(this.db);
    const status = rows[0]?.status;
    if (!status) throw new PaymentStateError(`no payment ${reference}`);
    if (status !== to) throw new PaymentStateError(`payment ${reference} is ${status}, cannot become ${to}`);
  }
}

/** The test cards behind the tokens, as the large processors document theirs. */
const TEST_CARDS: Record<string, CardDetails> = {
  tok_visa: { brand: 'visa', last4: '4242' },
  tok_slow: { brand: 'visa', last4: '4242' },
  tok_chargeDeclined: { brand: 'visa', last4: '0002' },
  tok_insufficientFunds: { brand: 'visa', last4: '9995' },
};

function resultOf(payment: ProviderPayment & { declineReason: string | null; token: string }): AuthorizeResult {
  const card = TEST_CARDS[payment.token] ?? null;
  if (payment.status === 'DECLINED') {
    return {
      status: 'DECLINED',
      reference: payment.reference,
      card,
      reason: payment.declineReason === 'INSUFFICIENT_FUNDS' ? 'INSUFFICIENT_FUNDS' : 'CARD_DECLINED',
    };
  }
  return { status: 'AUTHORIZED', reference: payment.reference, card };
}
