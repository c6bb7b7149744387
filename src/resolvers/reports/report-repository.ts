import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, PriceReportsTable, ReportStatus, Transaction } from '../../db/database.js';
import { alertsWatching } from '../alerts/alert-evaluation.js';

export type ReportRow = Selectable<PriceReportsTable>;
export interface ReporterRecord {
  verified: number;
  rejected: number;
}

/** The reporter's record, locked: their reports are counted and judged one at a time. */
export async function lockReporter(trx: Transaction, userId: number): Promise<ReporterRecord> {
  await sql`INSERT INTO reporter_trust (user_id) VALUES (${userId}) ON CONFLICT (user_id) DO NOTHING`.execute(trx);
  return trx.selectFrom('reporterTrust').select(['verified', 'rejected']).where('userId', '=', userId).forUpdate().executeTakeFirstOrThrow();
}

export async function findReporter(db: Kysely<Database>, userId: number): Promise<ReporterRecord> {
  const row = await db.selectFrom('reporterTrust').select(['verified', 'rejected']).where('userId', '=', userId).executeTakeFirst();
  return row ?? { verified: 0, rejected: 0 };
}

export async function countRecentReports(trx: Transaction, userId: number, windowSeconds: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM price_reports WHERE user_id = ${userId} AND created_at > now() - ${windowSeconds} * interval '1 second'`.execute(trx);
  return rows[0]?.n ?? 0;
}

/** Live alerts that would hear of a change to this book. */
export async function countWatchers(trx: Transaction, bookId: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM price_alerts WHERE ${alertsWatching(bookId)}`.execute(trx);
  return rows[0]?.n ?? 0;
}

export function insertReport(
  trx: Transaction,
  report: Omit<ReportRow, 'id' | 'createdAt' | 'verifiedAt' | 'verifiedPriceCents' | 'verifiedInStock' | 'reason'>,
) {
  return trx.insertInto('priceReports').values(report).returningAll().executeTakeFirstOrThrow();
}

/** The report, locked, if it still waits for its verdict (a repeated verification finds nothing to do). */
export function lockUnsettledReport(trx: Transaction, reportId: number) {
  return trx
    .selectFrom('priceReports')
    .selectAll()
    .where('id', '=', reportId)
    .where('verifiedAt', 'is', null)
    .where('status', '<>', 'REJECTED')
    .forUpdate()
    .executeTakeFirst();
}

export interface Verdict {
  status: ReportStatus;
  verifiedPriceCents: number | null;
  verifiedInStock: boolean | null;
  reason: string | null;
  /** Whether the store's answer counts for (true) or against (false) the reporter; null: it said nothing. */
  confirmed: boolean | null;
}

/** Records the verdict and moves the reporter's record by it. */
export async function settleReport(trx: Transaction, report: ReportRow, verdict: Verdict): Promise<void> {
  await trx
    .updateTable('priceReports')
    .set({
      status: verdict.status,
      reason: verdict.reason,
      verifiedPriceCents: verdict.verifiedPriceCents,
      verifiedInStock: verdict.verifiedInStock,
      verifiedAt: verdict.confirmed === null ? null : new Date(),
    })
    .where('id', '=', report.id)
    .execute();
  if (verdict.confirmed === null) return;
  await trx
    .updateTable('reporterTrust')
    .set((eb) => (verdict.confirmed ? { verified: eb('verified', '+', 1) } : { rejected: eb('rejected', '+', 1) }))
    .set({ updatedAt: sql`now()` })
    .where('userId', '=', report.userId)
    .execute();
}

export function findReportsByIds(db: Kysely<Database>, ids: readonly number[]) {
  return db
    .selectFrom('priceReports')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export function findReportsOfUser(db: Kysely<Database>, userId: number, limit: number) {
  return db.selectFrom('priceReports').selectAll().where('userId', '=', userId).orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
