import type { Viewer } from '../../resolvers/accounts/viewer.js';
import { builder } from '../builder.js';
import { unauthenticated } from '../errors.js';
import { UserRef } from './user.js';

/** The signed-in shopper's own world; later domains add their fields here (alerts, orders, carts). */
export const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  fields: (t) => ({
    user: t.field({
      type: UserRef,
      resolve: async (viewer, _args, context) => {
        const [user] = await context.services.accounts.usersByIds([viewer.userId]);
        if (!user) throw unauthenticated('This account no longer exists.');
        return user;
      },
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    nullable: true,
    description: 'Null when not signed in; an invalid or expired token is an UNAUTHENTICATED error.',
    resolve: (_root, _args, context) => {
      if (context.authError) throw unauthenticated(context.authError);
      return context.viewer;
    },
  }),
);
