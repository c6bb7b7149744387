import { type Kysely, sql } from 'kysely';
import type { Database, Transaction } from '../db/database.js';
import { attachResource, claimKey, completeKey, waitForKey } from '../lib/idempotency.js';
import type { Logger } from '../lib/logger.js';

/**
 * Purchases and checkouts run as sagas: each run is a row that records its step as it goes, under a
 * lease its process renews at every step. When a process stops renewing it, a settler takes the row over
 * by setting this step; from then on only the settler moves it, and the saga's own process, should it
 * still be running, stops where it is.
 */
export const SETTLING = 'SETTLING';

/** A saga's own process found a settler at work on it. */
export class SettledElsewhereError extends Error {}

/** A kind of saga: the table its runs are kept in, its steps, and how long a step may take before a settler takes over. */
export interface SagaKind<Step extends string> {
  name: string;
  table: 'purchase_requests' | 'checkouts';
  leaseSeconds: number;
  /** Only for the type: the kind's steps. */
  steps?: readonly Step[];
}

/**
 * Moves a running saga to its next step, renewing its lease, and notes what the step needs kept (its
 * `progress`: columns of the saga's row by name) in the same statement; throws SettledElsewhereError
 * once a settler has it.
 */
export async function enterStep<Step extends string>(
  db: Kysely<Database> | Transaction,
  kind: SagaKind<Step>,
  id: number,
  step: Step,
  progress: Record<string, unknown> = {},
): Promise<void> {
  const noted = Object.entries(progress).map(([column, value]) => sql`, ${sql.ref(column)} = ${value}`);
  const moved = await sql`
    UPDATE ${sql.table(kind.table)} SET step = ${step}, lease_until = now() + ${kind.leaseSeconds} * interval '1 second'${sql.join(noted, sql``)}
    WHERE id = ${id} AND status = 'IN_PROGRESS' AND step <> ${SETTLING}`.execute(db);
  if (Number(moved.numAffectedRows ?? 0) === 0) throw new SettledElsewhereError();
}

/** Whether the saga's own process may still record its outcome: nobody has begun settling it (locks the row until the transaction ends). */
export async function stillOurs(trx: Transaction, kind: SagaKind<string>, id: number): Promise<boolean> {
  const { rows } = await sql<{ status: string; step: string }>`SELECT status, step FROM ${sql.table(kind.table)} WHERE id = ${id} FOR UPDATE`.execute(trx);
  return rows[0]?.status === 'IN_PROGRESS' && rows[0].step !== SETTLING;
}

/**
 * Takes over running sagas whose process stopped renewing the lease (or, with `id`, that one run
 * whatever its lease, unless a settler has it: its own process gave up on it), with a fresh lease, so
 * exactly one settler handles each.
 */
export async function claimUnsettled<Row>(db: Kysely<Database>, kind: SagaKind<string>, which: { limit: number } | { id: number }): Promise<Row[]> {
  const table = sql.table(kind.table);
  const runs =
    'id' in which
      ? sql`SELECT id FROM ${table} WHERE id = ${which.id} AND status = 'IN_PROGRESS' AND step <> ${SETTLING} FOR UPDATE SKIP LOCKED`
      : sql`SELECT id FROM ${table} WHERE status = 'IN_PROGRESS' AND lease_until < now() ORDER BY lease_until LIMIT ${which.limit} FOR UPDATE SKIP LOCKED`;
  const { rows } = await sql<Row>`
    UPDATE ${table} SET step = ${SETTLING}, lease_until = now() + interval '5 minutes' WHERE id IN (${runs}) RETURNING *`.execute(db);
  return rows;
}

/** How one kind of saga is settled after its process stopped: what to do with each run, and what that came to. */
export interface Settler<Row extends { id: number; step: string }, Outcome extends string> {
  kind: SagaKind<string>;
  outcomes: readonly Outcome[];
  settle(run: Row): Promise<Outcome>;
}

/**
 * Settles the runs whose lease ran out, each by its kind's settler. A run that cannot be settled yet (a
 * store or the payment provider unreachable) comes back when its new lease ends.
 */
export async function settleInterrupted<Row extends { id: number; step: string }, Outcome extends string>(
  db: Kysely<Database>,
  settler: Settler<Row, Outcome>,
  logger?: Logger,
  limit = 100,
): Promise<Record<Outcome, number>> {
  const counts = Object.fromEntries(settler.outcomes.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
  for (const run of await claimUnsettled<Row>(db, settler.kind, { limit })) {
    try {
      const outcome = await settler.settle(run);
      counts[outcome]++;
      logger?.info({ saga: settler.kind.name, id: run.id, step: run.step, outcome }, 'interrupted saga settled');
    } catch (error) {
      logger?.warn({ saga: settler.kind.name, id: run.id, err: error }, 'interrupted saga not settled yet');
    }
  }
  return counts;
}

/** A request's idempotency key: whose it is (`scope`), the key, and what was asked. */
export interface KeyedRequest {
  scope: string;
  key: string;
  fingerprint: string;
  /** How long a repeat waits for the first request's run to end before answering with it as it stands. */
  repeatWaitMs: number;
}

/**
 * Runs a saga once per idempotency key (Stripe semantics). The first request claims the key and, in the
 * same transaction, `begin` writes its run (or returns null: nothing to run, and the claim is withdrawn);
 * then `run` runs it and the key is answered. A repeat gets the first request's run, waiting while it runs;
 * the same key with a different request is refused.
 */
export async function runOnce<Run extends { id: number }>(
  db: Kysely<Database>,
  request: KeyedRequest,
  saga: { begin(trx: Transaction): Promise<Run | null>; run(run: Run): Promise<void> },
): Promise<number | null> {
  const { scope, key } = request;
  const started = await db.transaction().execute(async (trx) => {
    const claim = await claimKey(trx, scope, key, request.fingerprint);
    if (claim.kind !== 'NEW') return claim;
    const run = await saga.begin(trx);
    if (run === null) await trx.deleteFrom('idempotencyKeys').where('scope', '=', scope).where('key', '=', key).execute();
    else await attachResource(trx, scope, key, run.id);
    return { kind: 'STARTED' as const, run };
  });
  if (started.kind === 'DONE') return started.resourceId;
  if (started.kind === 'IN_PROGRESS') {
    const id = (await waitForKey(db, scope, key, Date.now() + request.repeatWaitMs)) ?? started.resourceId;
    if (id === null) throw new Error(`idempotency key ${key} has no run`);
    return id;
  }
  if (started.run === null) return null;
  try {
    await saga.run(started.run);
  } finally {
    await completeKey(db, scope, key);
  }
  return started.run.id;
}
