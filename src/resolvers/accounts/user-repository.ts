import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

export interface UserRow {
  id: number;
  email: string;
  passwordHash: string;
  isAdmin: boolean;
  createdAt: Date;
}

/** Inserts the user, or returns null when the e-mail is taken (the unique index decides, not a racy pre-check). */
export async function insertUser(db: Kysely<Database>, email: string, passwordHash: string): Promise<UserRow | null> {
  const row = await db
    .insertInto('users')
    .values({ email, passwordHash })
    .onConflict((conflict) => conflict.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | null> {
  return (await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()) ?? null;
}

export async function findUsersByIds(db: Kysely<Database>, ids: readonly number[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
}
