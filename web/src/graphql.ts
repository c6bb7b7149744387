import { type Client, createClient } from 'graphql-ws';
import type { TypedDocumentString } from './gql/graphql';
import { persisted } from './persisted';
import { session } from './session';

export interface GraphQLError {
  message: string;
  extensions?: { code?: string; field?: string; retryAfterSeconds?: number };
}

/** What a shopper is told for the errors that are not about their input. */
function shopperMessage(error: GraphQLError): string {
  const code = error.extensions?.code;
  if (code === 'RATE_LIMITED') return 'That was a lot of requests at once: wait a few seconds and try again.';
  if (code === 'INTERNAL' || code === 'INTERNAL_SERVER_ERROR') return 'Something went wrong on our side. Try again in a moment.';
  return error.message;
}

/** A GraphQL error as a thrown value, so pages can show its message. */
export class RequestError extends Error {
  constructor(readonly errors: GraphQLError[]) {
    super([...new Set(errors.map(shopperMessage))].join(' '));
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** Runs a typed operation over HTTP as the signed-in shopper (or as a guest). */
export async function execute<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  ...[variables]: Variables extends Record<string, never> ? [] : [Variables]
): Promise<Result> {
  const token = session.token();
  const hash = __PERSISTED_OPERATIONS__ ? persisted(document) : null;
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(hash ? { variables, extensions: hash } : { query: document.toString(), variables }),
  }).catch(() => {
    throw new RequestError([{ message: 'Folio cannot be reached right now. Check the connection and try again.' }]);
  });
  const answer = (await response.json()) as { data?: Result | null; errors?: GraphQLError[] };
  if (answer.errors?.length) throw new RequestError(answer.errors);
  if (!answer.data) throw new RequestError([{ message: `The server answered ${response.status}` }]);
  return answer.data;
}

let socket: { client: Client; token: string | null } | null = null;

/** One WebSocket per signed-in identity: signing in or out opens a new one. */
function wsClient(): Client {
  const token = session.token();
  if (socket && socket.token === token) return socket.client;
  void socket?.client.dispose();
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const client = createClient({ url, lazy: true, retryAttempts: 5, connectionParams: () => (token ? { authorization: `Bearer ${token}` } : {}) });
  socket = { client, token };
  return client;
}

/** Subscribes to a typed subscription; returns the function that ends it. */
export function subscribe<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  onData: (data: Result) => void,
  onError?: (error: RequestError) => void,
): () => void {
  // The text goes too (a development server may not know a new operation's hash); a known hash runs the persisted one.
  return wsClient().subscribe<Result>(
    { query: document.toString(), variables: variables as Record<string, unknown>, extensions: persisted(document) ?? undefined },
    {
      next: (message) => {
        if (message.data) onData(message.data);
        else if (message.errors) onError?.(new RequestError(message.errors as GraphQLError[]));
      },
      error: (error) => onError?.(new RequestError([{ message: error instanceof Error ? error.message : 'The live connection closed' }])),
      complete: () => undefined,
    },
  );
}
