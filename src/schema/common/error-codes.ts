import type { ErrorCode } from '../errors.js';
import { builder } from '../builder.js';

/**
 * Every `extensions.code` an error may carry, in one place a client developer can read in the schema
 * (per-line problems of a batch, such as `importWatchlist`'s, carry one too).
 */
export const ErrorCodeEnum = builder.enumType('ErrorCode', {
  description:
    "Every value of an error's `extensions.code`. Expected outcomes (out of stock, price above your maximum, declined) are not errors: they are `status` values of the result types.",
  values: {
    BAD_USER_INPUT: {
      description:
        'The request is wrong as sent (an ISBN with a bad check digit, a quantity out of range); `extensions.field` names the argument. Nothing was changed.',
    },
    UNAUTHENTICATED: {
      description: 'Sign in first (Authorization: Bearer <token> from signUp or signIn), or the token has expired; guests pass their cartToken or accessToken.',
    },
    FORBIDDEN: { description: "Signed in, but the thing asked for is another user's, or needs an administrator." },
    RATE_LIMITED: {
      description:
        'A budget is spent (requests per minute, sign-in attempts, purchases, price reports): HTTP 429 with Retry-After; `extensions.retryAfterSeconds` says when to try again.',
    },
    IDEMPOTENCY_KEY_REUSED: {
      description: 'This idempotencyKey was already used for a different request; the first request stands. Use a new key for a new request.',
    },
    CONFLICT: {
      description: 'Written on a stale version (a cart changed since it was read): read it again and retry; `extensions.currentVersion` gives the version now.',
    },
    INTERNAL: {
      description: 'A fault on the server: nothing about it is shown (it is logged). Retrying later is safe for anything sent with an idempotencyKey.',
    },
    PERSISTED_QUERY_ONLY: {
      description:
        "Callers without a token may run only the web app's own operations (production): sign in and send Authorization: Bearer <token> to run your own. HTTP 403.",
    },
    PERSISTED_QUERY_NOT_FOUND: {
      description: 'extensions.persistedQuery.sha256Hash names no operation this server knows: the web app is older or newer than the server. HTTP 400.',
    },
    GRAPHQL_PARSE_FAILED: { description: 'The document is not valid GraphQL syntax.' },
    GRAPHQL_VALIDATION_FAILED: { description: 'The document does not fit the schema, or goes past the depth, alias, cost or size limits.' },
  } satisfies Record<ErrorCode | 'PERSISTED_QUERY_ONLY' | 'PERSISTED_QUERY_NOT_FOUND' | 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED', unknown>,
});
