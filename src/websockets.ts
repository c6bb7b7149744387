import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError } from 'graphql';
import { type Context as SocketContext } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Context } from './context.js';
import { clientAddress } from './lib/client-address.js';
import type { TrustedOperations, Yoga } from './server.js';
import { persistedHashOf } from './trusted-documents.js';

export interface SocketLimits {
  /** Largest message a client may send (as large as an HTTP request body may be). */
  maxPayloadBytes: number;
  /** Open WebSockets from one address at once (further upgrades are answered 429). */
  connectionsPerAddress: number;
  /** Operations one caller (a user, or an address when signed out) keeps open at once, across its sockets. */
  subscriptionsPerCaller: number;
  trustProxy: boolean;
  /** The web app's persisted operations: a subscribe naming one by hash runs the persisted text. */
  trusted: TrustedOperations;
}

type Extra = { request: IncomingMessage };

/**
 * graphql-ws on the same port and path, through Yoga's envelop so auth, validation, rate limits and masking
 * all apply; with limits on message size, sockets per address and open operations per caller.
 */
export function attachWebSockets(server: Server, yoga: Yoga, limits: SocketLimits, path: string): WebSocketServer {
  const addressOf = (request: IncomingMessage) => clientAddress(undefined, request, limits.trustProxy) ?? 'unknown';
  const sockets = new Counter();
  const operations = new Counter();
  /** Per connection: its open operations and whose budget each took. */
  const open = new WeakMap<object, Map<string, string>>();

  const wsServer = new WebSocketServer({
    server,
    path,
    maxPayload: limits.maxPayloadBytes,
    verifyClient: ({ req }, done) =>
      sockets.count(addressOf(req)) >= limits.connectionsPerAddress ? done(false, 429, 'Too many open connections from this address') : done(true),
  });
  wsServer.on('connection', (socket, request) => {
    const address = addressOf(request);
    sockets.add(address);
    socket.once('close', () => sockets.remove(address));
  });

  const release = (ctx: SocketContext<Record<string, unknown>, Extra>, id: string) => {
    const caller = open.get(ctx)?.get(id);
    if (caller === undefined) return;
    open.get(ctx)!.delete(id);
    operations.remove(caller);
  };

  useServer<Record<string, unknown>, Extra>(
    {
      // A connection offering a token that does not hold is refused (4403); one offering none is a guest.
      onConnect: async (ctx) => {
        const enveloped = yoga.getEnveloped({ connectionParams: ctx.connectionParams, req: ctx.extra.request });
        const { authError } = (await enveloped.contextFactory()) as unknown as Context;
        return authError === null;
      },
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args),
      onSubscribe: async (ctx, id, payload) => {
        const enveloped = yoga.getEnveloped({ connectionParams: ctx.connectionParams, req: ctx.extra.request, params: payload });
        const contextValue = (await enveloped.contextFactory()) as unknown as Context;
        const hash = persistedHashOf(payload.extensions);
        const persisted = hash ? limits.trusted.documents.byHash(hash) : null;
        if (!persisted && limits.trusted.only && !contextValue.viewer) {
          return [
            new GraphQLError("Without a token this API runs only the web app's own operations: sign in to run your own", {
              extensions: { code: 'PERSISTED_QUERY_ONLY' },
            }),
          ];
        }
        const document = enveloped.parse(persisted ?? payload.query);
        const errors = persisted ? [] : enveloped.validate(enveloped.schema, document);
        if (errors.length > 0) return errors;
        const caller = contextValue.viewer ? `user:${contextValue.viewer.userId}` : `ip:${addressOf(ctx.extra.request)}`;
        if (operations.count(caller) >= limits.subscriptionsPerCaller) {
          return [
            new GraphQLError(`At most ${limits.subscriptionsPerCaller} subscriptions open at once: complete one first`, {
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 },
            }),
          ];
        }
        operations.add(caller);
        if (!open.has(ctx)) open.set(ctx, new Map());
        open.get(ctx)!.set(id, caller);
        return {
          schema: enveloped.schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue,
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        };
      },
      onComplete: (ctx, id) => release(ctx, id),
      // Whatever a closed socket still had open is given back (onComplete may not have run for it).
      onClose: (ctx) => {
        for (const id of [...(open.get(ctx)?.keys() ?? [])]) release(ctx, id);
      },
    },
    wsServer,
  );
  return wsServer;
}

interface EnvelopedRoot {
  execute: (args: unknown) => ReturnType<ReturnType<Yoga['getEnveloped']>['execute']>;
  subscribe: (args: unknown) => ReturnType<ReturnType<Yoga['getEnveloped']>['subscribe']>;
}

/** How many of something each key holds now; keys at zero are forgotten. */
class Counter {
  private readonly counts = new Map<string, number>();

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  add(key: string): void {
    this.counts.set(key, this.count(key) + 1);
  }

  remove(key: string): void {
    const left = this.count(key) - 1;
    if (left > 0) this.counts.set(key, left);
    else this.counts.delete(key);
  }
}
