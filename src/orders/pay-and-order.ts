import type { Kysely } from 'kysely';
import type { Database, Transaction } from '../db/database.js';
import type { Authorization, PaymentOwner, PaymentRecords } from '../payments/payment-records.js';
import type { PaymentProvider } from '../payments/provider.js';
import { SettledElsewhereError } from './saga.js';

/** The steps every order plan passes through once its prices are confirmed. */
export type PaymentStep = 'AUTHORIZING' | 'ORDERING' | 'CAPTURING' | 'RECORDING';

/** Partner orders placed for a plan: what they charge in all, and how to withdraw them again. */
export interface PlacedOrders {
  chargedCents: number;
  withdraw(): Promise<unknown>;
}

/** How a plan stopped short of an order: the status and reason its result shows. */
export type PlanStop = { status: string; reason: string | null };

/**
 * What a purchase or a checkout brings to the one way money and partner orders move: the payment to
 * take, its step log, its partner orders and how its order is written. The steps and their undoing are
 * the kit's.
 */
export interface OrderPlan<Stop extends PlanStop> {
  payment: { token: string; amountCents: number; currency: string; authorizeKey: string; captureKey: string; owner: PaymentOwner };
  /** Writes the step down before it starts (renewing the lease); at ORDERING with the payment, which a settler needs. */
  enter(step: PaymentStep, paymentReference?: string): Promise<void>;
  /** Places the partner orders, or says why not (having withdrawn any it placed). */
  placeOrders(): Promise<PlacedOrders | Stop>;
  /** Writes the order in this transaction, or returns why it cannot be (nothing written; the rest is undone). */
  record(trx: Transaction, paymentReference: string): Promise<Stop | null>;
  stops: { totalChanged(chargedCents: number): Stop; notCaptured: Stop };
}

/**
 * Authorise, place the partner orders, capture, record: each failure undoes what was done before it,
 * in reverse (withdraw the partner orders, void or refund). Null when the order was recorded. A settler
 * that took over decides alone (it may be recording this very order), so then nothing is undone here.
 */
export async function payAndOrder<Stop extends PlanStop>(
  deps: { db: Kysely<Database>; payments: PaymentProvider; records: PaymentRecords },
  plan: OrderPlan<Stop>,
): Promise<Stop | Exclude<Authorization, { status: 'AUTHORIZED' }> | null> {
  const { db, payments, records } = deps;
  await plan.enter('AUTHORIZING');
  const authorization = await records.authorize(plan.payment);
  if (authorization.status !== 'AUTHORIZED') return authorization;
  const { reference } = authorization;

  await plan.enter('ORDERING', reference);
  const placed = await plan.placeOrders();
  if (!('withdraw' in placed)) {
    await records.void(reference);
    return placed;
  }
  if (placed.chargedCents !== plan.payment.amountCents) {
    // Shipping terms changed under us: never capture anything but the total the shopper was shown.
    await placed.withdraw();
    await records.void(reference);
    return plan.stops.totalChanged(placed.chargedCents);
  }

  await plan.enter('CAPTURING');
  try {
    await payments.capture(reference, plan.payment.captureKey);
  } catch {
    await placed.withdraw();
    await records.void(reference);
    return plan.stops.notCaptured;
  }

  await plan.enter('RECORDING');
  try {
    const stop = await db.transaction().execute((trx) => plan.record(trx, reference));
    if (stop === null) return null;
    await placed.withdraw();
    await records.refund(reference);
    return stop;
  } catch (error) {
    if (error instanceof SettledElsewhereError) throw error;
    await placed.withdraw();
    await records.refund(reference);
    throw error;
  }
}
