import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import type { Context } from '../context.js';
import type { Viewer } from '../resolvers/accounts/viewer.js';
import { forbidden, invalidInput, unauthenticated } from './errors.js';

/** Declared as a named interface so the type checker resolves it once, not at every use. */
export interface FolioSchemaTypes {
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string | number };
    DateTime: { Input: Date; Output: Date | string };
    /** A calendar day, 'YYYY-MM-DD'. */
    Date: { Input: Date; Output: string };
  };
  AuthScopes: {
    signedIn: boolean;
    admin: boolean;
    /** "owner only": pass the owning user's id; true when it is the viewer. */
    owner: number;
  };
  /** A field that needs `signedIn` sees the viewer as present. */
  AuthContexts: {
    signedIn: Context & { viewer: Viewer };
  };
}

// No types are defined here: each lives in its own file under src/schema/<domain>/.
export const builder = new SchemaBuilder<FolioSchemaTypes>({
  plugins: [ScopeAuthPlugin, ValidationPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    // Subscriptions are checked when they open, not only at each event.
    authorizeOnSubscribe: true,
    authScopes: (context) => ({
      signedIn: context.viewer !== null,
      admin: context.viewer?.isAdmin === true,
      owner: (userId) => context.viewer?.userId === userId,
    }),
    unauthorizedError: (_parent, context) =>
      context.viewer ? forbidden('You are not allowed to see this.') : unauthenticated(context.authError ?? 'Sign in first.'),
  },
  validation: {
    validationError: (failure) => invalidInput(failure.issues.map((issue) => describeIssue(issue)).join('; ')),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
  },
});

function describeIssue(issue: { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> }): string {
  const path = (issue.path ?? []).map((segment) => (typeof segment === 'object' ? String(segment.key) : String(segment)));
  return path.length ? `${path.join('.')}: ${issue.message}` : issue.message;
}
