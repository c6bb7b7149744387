import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { AuthenticationError, InvalidInputError } from '../../lib/errors.js';
import { hashPassword, passwordWeakness, verifyPassword } from '../../lib/password.js';
import type { TokenSigner } from '../../lib/tokens.js';
import { byKeys } from '../batch.js';
import type { Viewer } from './viewer.js';
import { findUserByEmail, findUsersByIds, insertUser, type UserRow } from './user-repository.js';

export type User = Omit<UserRow, 'passwordHash'>;

export interface AuthPayload {
  token: string;
  expiresAt: Date;
  user: User;
}

const emailSchema = z.email().max(254);
const INVALID_CREDENTIALS = 'Invalid e-mail or password.';

export function createAccountService(db: Kysely<Database>, tokens: TokenSigner, adminEmails: ReadonlySet<string> = new Set()) {
  // Compared against when the e-mail is unknown, so both failures take the same time.
  const decoyHash = hashPassword('decoy password that never matches');

  /** Guest orders placed with this account's e-mail become the account's (they show in viewer.orders). */
  async function adoptGuestOrders(user: UserRow): Promise<void> {
    await db.updateTable('orders').set({ userId: user.id }).where('userId', 'is', null).where('email', '=', user.email).execute();
  }

  async function issue(user: UserRow): Promise<AuthPayload> {
    await adoptGuestOrders(user);
    const { token, expiresAt } = await tokens.sign({ userId: user.id, isAdmin: user.isAdmin || adminEmails.has(user.email) });
    return { token, expiresAt, user: publicUser(user) };
  }

  return {
    async signUp(rawEmail: string, password: string): Promise<AuthPayload> {
      const email = normalizeEmail(rawEmail);
      const weakness = passwordWeakness(password);
      if (weakness) throw new InvalidInputError(weakness, { field: 'password' });
      const user = await insertUser(db, email, await hashPassword(password));
      if (!user) throw new InvalidInputError('An account with this e-mail already exists.', { field: 'email' });
      return issue(user);
    },

    async signIn(rawEmail: string, password: string): Promise<AuthPayload> {
      const email = rawEmail.trim().toLowerCase();
      const user = emailSchema.safeParse(email).success ? await findUserByEmail(db, email) : null;
      const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
      if (!user || !matches) throw new AuthenticationError(INVALID_CREDENTIALS);
      return issue(user);
    },

    /** The token a guest follows an order by (from checkout); null for an order with an owner. */
    orderAccessToken: (orderId: number) => tokens.accessToken('order', orderId),
    canFollowOrder: (orderId: number, accessToken: string) => tokens.holdsAccess('order', orderId, accessToken),

    async viewerFromToken(token: string): Promise<{ ok: true; viewer: Viewer } | { ok: false; reason: string }> {
      const check = await tokens.verify(token);
      return check.ok ? { ok: true, viewer: check.claims } : check;
    },

    async usersByIds(ids: readonly number[]): Promise<(User | null)[]> {
      const rows = await findUsersByIds(db, ids);
      return byKeys(ids, rows.map(publicUser), (user) => user.id);
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;

export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!emailSchema.safeParse(email).success) {
    throw new InvalidInputError(`"${raw}" is not a valid e-mail address.`, { field: 'email' });
  }
  return email;
}

function publicUser({ passwordHash: _passwordHash, ...user }: UserRow): User {
  return user;
}
