import type { Insertable, Kysely } from 'kysely';
import type { Database, PriceAlertsTable } from '../../db/database.js';
import type { AlertRow } from './alert-evaluation.js';

/** An alert checked and priced, ready to be written: on its own, or with the purchase that set it. */
export type NewAlert = Insertable<PriceAlertsTable>;

export function insertAlert(db: Kysely<Database>, alert: NewAlert): Promise<AlertRow> {
  return db.insertInto('priceAlerts').values(alert).returningAll().executeTakeFirstOrThrow();
}

export async function emailOfUser(db: Kysely<Database>, userId: number): Promise<string | null> {
  const user = await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
  return user?.email || null;
}
