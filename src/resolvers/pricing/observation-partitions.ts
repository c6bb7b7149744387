import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.js';

function monthStart(date: Date, offset: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
}

/** Creates the monthly partitions of price_observations from `monthsBack` ago to `monthsAhead` ahead. */
export async function ensureObservationPartitions(db: Kysely<Database>, now = new Date(), monthsBack = 0, monthsAhead = 2): Promise<void> {
  for (let offset = -monthsBack; offset <= monthsAhead; offset++) {
    const from = monthStart(now, offset);
    const to = monthStart(now, offset + 1);
    const name = `price_observations_${from.getUTCFullYear()}_${String(from.getUTCMonth() + 1).padStart(2, '0')}`;
    const exists = await sql<{ found: boolean }>`SELECT to_regclass(${name}) IS NOT NULL AS found`.execute(db);
    if (exists.rows[0]?.found) continue;
    try {
      await sql`CREATE TABLE ${sql.id(name)} PARTITION OF price_observations
        FOR VALUES FROM (${sql.lit(from.toISOString())}) TO (${sql.lit(to.toISOString())})`.execute(db);
    } catch (error) {
      // Another process created it first.
      if ((error as { code?: string }).code !== '42P07') throw error;
    }
  }
}
