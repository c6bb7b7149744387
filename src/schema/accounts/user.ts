import { z } from 'zod';
import type { AuthPayload, User } from '../../resolvers/accounts/account-service.js';
import type { Context } from '../../context.js';
import { builder } from '../builder.js';
import { nodeId } from '../common/ids.js';

export const UserRef = builder.loadableNode('User', {
  authScopes: (user: User) => ({ owner: user.id, $granted: 'authenticatedAccount' }),
  id: { resolve: (user: User) => user.id, parse: nodeId },
  load: (ids: number[], context) => context.services.accounts.usersByIds(ids),
  fields: (t) => ({
    email: t.exposeString('email'),
    createdAt: t.field({ type: 'DateTime', resolve: (user) => user.createdAt }),
  }),
});

const AuthPayloadRef = builder.objectRef<AuthPayload>('AuthPayload').implement({
  description: 'Send `token` as `Authorization: Bearer <token>` (or as `authorization` in graphql-ws connectionParams).',
  fields: (t) => ({
    token: t.exposeString('token'),
    expiresAt: t.field({ type: 'DateTime', resolve: (payload) => payload.expiresAt }),
    // The caller has just proven who they are; the request's own token (if any) does not matter here.
    user: t.field({ type: UserRef, grantScopes: ['authenticatedAccount'], resolve: (payload) => payload.user }),
  }),
});

const credentials = {
  email: z.string().max(254, 'e-mail must be at most 254 characters'),
  password: z.string().max(200, 'password must be at most 200 characters'),
};

/** Signing in from a guest session keeps the guest's cart. */
async function keepCart(context: Context, payload: AuthPayload, cartToken: string | null | undefined): Promise<AuthPayload> {
  if (cartToken) await context.services.carts.merge(payload.user.id, cartToken);
  return payload;
}

builder.mutationFields((t) => ({
  signUp: t.field({
    type: AuthPayloadRef,
    args: {
      email: t.arg.string({ required: true, validate: credentials.email }),
      password: t.arg.string({ required: true, validate: credentials.password }),
      cartToken: t.arg.string({ description: "A guest cart to keep: its lines join the account's cart." }),
    },
    resolve: async (_root, { email, password, cartToken }, context) => keepCart(context, await context.services.accounts.signUp(email, password), cartToken),
  }),
  signIn: t.field({
    type: AuthPayloadRef,
    args: {
      email: t.arg.string({ required: true, validate: credentials.email }),
      password: t.arg.string({ required: true, validate: credentials.password }),
      cartToken: t.arg.string({ description: "A guest cart to keep: its lines join the account's cart (quantities added)." }),
    },
    resolve: async (_root, { email, password, cartToken }, context) => keepCart(context, await context.services.accounts.signIn(email, password), cartToken),
  }),
}));
