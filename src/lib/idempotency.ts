import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database, Transaction } from '../db/database.js';
import { DomainError, InvalidInputError } from './errors.js';

export type KeyClaim = { kind: 'NEW' } | { kind: 'DONE'; resourceId: number } | { kind: 'IN_PROGRESS'; resourceId: number | null };

/** An idempotency key argument, trimmed: 1 to 255 characters. */
export function idempotencyKeyArgument(raw: string): string {
  const key = raw.trim();
  if (key.length < 1 || key.length > 255) throw new InvalidInputError('idempotencyKey must be 1 to 255 characters', { field: 'idempotencyKey' });
  return key;
}

/** A request's identity for its key: everything the client sent that changes what happens. */
export function fingerprintOf(request: unknown): string {
  return createHash('sha256').update(stableJson(request)).digest('hex');
}

/**
 * Claims `key` in `scope` for a request (Stripe semantics). The first claim wins; a repeat with the
 * same fingerprint learns whether the first is done or still running; a different request with the
 * same key is refused. A key whose 48 hours have passed may be claimed afresh.
 * Inside a transaction a concurrent claim of the same key waits for it, so exactly one runs.
 */
export async function claimKey(trx: Transaction, scope: string, key: string, fingerprint: string): Promise<KeyClaim> {
  const inserted = await sql<{ claimed: boolean }>`
    INSERT INTO idempotency_keys (scope, key, fingerprint) VALUES (${scope}, ${key}, ${fingerprint})
    ON CONFLICT (scope, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, status = 'IN_PROGRESS', resource_id = NULL,
      created_at = now(), expires_at = now() + interval '48 hours'
      WHERE idempotency_keys.expires_at < now()
    RETURNING true AS claimed`.execute(trx);
  if (inserted.rows.length > 0) return { kind: 'NEW' };
  const existing = await trx
    .selectFrom('idempotencyKeys')
    .select(['fingerprint', 'status', 'resourceId'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (existing.fingerprint !== fingerprint) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different request; use a new key for a new request.');
  }
  if (existing.status === 'DONE' && existing.resourceId !== null) return { kind: 'DONE', resourceId: existing.resourceId };
  return { kind: 'IN_PROGRESS', resourceId: existing.resourceId };
}

export async function attachResource(trx: Transaction, scope: string, key: string, resourceId: number): Promise<void> {
  await trx.updateTable('idempotencyKeys').set({ resourceId }).where('scope', '=', scope).where('key', '=', key).execute();
}

export async function completeKey(db: Kysely<Database> | Transaction, scope: string, key: string): Promise<void> {
  await db.updateTable('idempotencyKeys').set({ status: 'DONE' }).where('scope', '=', scope).where('key', '=', key).execute();
}

/** Waits (polling with a growing pause) until the key's first request is done; null when `until` passes first. */
export async function waitForKey(db: Kysely<Database>, scope: string, key: string, until: number): Promise<number | null> {
  for (let pause = 25; Date.now() < until; pause = Math.min(pause * 2, 250)) {
    await new Promise((resolve) => setTimeout(resolve, pause));
    const row = await db.selectFrom('idempotencyKeys').select(['status', 'resourceId']).where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    if (row?.status === 'DONE' && row.resourceId !== null) return row.resourceId;
  }
  return null;
}

/** Keys are kept 48 hours (at least the 24 promised), then swept. */
export async function sweepExpiredKeys(db: Kysely<Database>): Promise<number> {
  const result = await db
    .deleteFrom('idempotencyKeys')
    .where(sql<boolean>`expires_at < now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
