import { GraphQLError } from 'graphql';

/** Codes clients switch on (API.md): bad input, auth, limits, and masked faults. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'IDEMPOTENCY_KEY_REUSED'
  /** A write based on a stale version (optimistic concurrency): re-read and try again. */
  | 'CONFLICT'
  | 'INTERNAL';

export function clientError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const invalidInput = (message: string, extensions?: Record<string, unknown>) => clientError('BAD_USER_INPUT', message, extensions);
export const unauthenticated = (message: string) => clientError('UNAUTHENTICATED', message);
export const forbidden = (message: string) => clientError('FORBIDDEN', message);

/** For a field built with `t.withAuth({ signedIn: true })`: signed out, the error says what signing in is for. */
export function whenSignedOut(purpose: string) {
  return { unauthorizedError: (_parent: unknown, _args: unknown, context: { authError: string | null }) => unauthenticated(context.authError ?? purpose) };
}

/**
 * A subscription outlives the request that opened it: at every event it checks that its token still
 * holds, so an expired session stops receiving (the client signs in again and resubscribes).
 */
export function stillSignedIn({ viewer }: { viewer: { expiresAt?: Date } | null }): void {
  if (viewer?.expiresAt && viewer.expiresAt.getTime() <= Date.now()) throw unauthenticated('The access token has expired; sign in again.');
}
