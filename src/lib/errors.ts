import type { ErrorCode } from '../schema/errors.js';

/** A failure the client caused and can act on; its message is safe to show. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, extensions?: Record<string, unknown>) {
    super('BAD_USER_INPUT', message, extensions);
  }
}

export class AuthenticationError extends DomainError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message);
  }
}
