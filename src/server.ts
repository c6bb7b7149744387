import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { type DocumentNode, type ExecutionResult, GraphQLError, Kind, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { useOpenTelemetry } from '@envelop/opentelemetry';
import { trace } from '@opentelemetry/api';
import { type Context, createContext, holdsValidToken } from './context.js';
import { clientAddress } from './lib/client-address.js';
import { DomainError } from './lib/errors.js';
import { IsbnError } from './lib/isbn.js';
import type { Logger } from './lib/logger.js';
import { graphqlDuration, registry } from './lib/metrics.js';
import { inRequestScope } from './lib/request-scope.js';
import { tracingStarted } from './lib/tracing.js';
import type { RateLimits } from './lib/rate-limits.js';
import type { Services } from './resolvers/services.js';
import { graphiql } from './graphiql.js';
import { persistedHashOf, type TrustedDocuments } from './trusted-documents.js';
import { createWebApp } from './web-app.js';
import { attachWebSockets, type SocketLimits } from './websockets.js';
import { schema } from './schema/index.js';

export const GRAPHQL_PATH = '/graphql';

interface InitialContext {
  request?: Request;
  /** Node's request, when served over HTTP (its socket gives the client's address). */
  req?: IncomingMessage;
  connectionParams?: Record<string, unknown>;
}

export type Yoga = YogaServerInstance<InitialContext, Context>;

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

/**
 * By name, not instanceof: graphql may be loaded twice (its ESM and CJS builds), and an error from one
 * copy is not an instance of the other's class.
 */
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}

interface OperationShape {
  type: string;
  rootFields: string[];
}

/** Parsed documents are cached and reused by Yoga, so each one's shape is worked out once, not per request. */
const shapes = new WeakMap<DocumentNode, OperationShape>();

/** What an operation is: its type and the names of its root fields (what metrics and rate limits go by). */
function operationOf(document: DocumentNode): OperationShape {
  let shape = shapes.get(document);
  if (!shape) {
    const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    shape =
      operation?.kind === Kind.OPERATION_DEFINITION
        ? {
            type: operation.operation,
            rootFields: operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : [])),
          }
        : { type: 'query', rootFields: [] };
    shapes.set(document, shape);
  }
  return shape;
}

function isSubscription(document: DocumentNode): boolean {
  return operationOf(document).type === 'subscription';
}

/** A client-caused failure as the client sees it: its message, its code and its details. */
function clientErrorOf(error: DomainError, location: { nodes?: GraphQLError['nodes']; path?: GraphQLError['path'] } = {}): GraphQLError {
  const retry = error.code === 'RATE_LIMITED' ? { retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS } : {};
  return new GraphQLError(error.message, { ...location, extensions: { code: error.code, ...retry, ...error.extensions, ...httpOf(error) } });
}

/** Over a budget, the response itself says so too (HTTP 429 with Retry-After), for proxies, SDKs and retrying clients. */
function httpOf(error: DomainError): { http?: { status: number; headers: Record<string, string> } } {
  if (error.code !== 'RATE_LIMITED') return {};
  const seconds = Number(error.extensions.retryAfterSeconds) || DEFAULT_RETRY_AFTER_SECONDS;
  return { http: { status: 429, headers: { 'Retry-After': String(seconds) } } };
}

/** The hint for a budget that cannot tell when it refills (purchases and reports count over a window). */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** Client-facing errors keep their message and code; anything else becomes INTERNAL with no detail. */
function maskError(logger: Logger) {
  return (error: unknown): Error => {
    const graphQLError = isGraphQLError(error) ? error : null;
    const original = graphQLError?.originalError ?? error;
    const location = { nodes: graphQLError?.nodes, path: graphQLError?.path };
    if (original instanceof DomainError) return clientErrorOf(original, location);
    if (original instanceof IsbnError || (original instanceof Error && original.name === 'PothosValidationError')) {
      return new GraphQLError(original.message, { ...location, extensions: { code: 'BAD_USER_INPUT' } });
    }
    if (graphQLError && (!graphQLError.originalError || isGraphQLError(graphQLError.originalError))) {
      return graphQLError;
    }
    logger.error({ err: original, path: graphQLError?.path }, 'unexpected error while resolving');
    return new GraphQLError('Unexpected error.', { ...location, extensions: { code: 'INTERNAL' } });
  };
}

/**
 * Times every executed operation for /metrics, labelled by its type and first root field (bounded by
 * the schema, unlike client-chosen operation names).
 */
function useOperationMetrics(): Plugin {
  // One series per label set, looked up by a plain key: prom-client would otherwise hash the labels on every observation.
  const series = new Map<string, { observe(seconds: number): void }>();
  const seriesOf = (type: string, operation: string, outcome: string) => {
    const key = `${type} ${operation} ${outcome}`;
    let found = series.get(key);
    if (!found) series.set(key, (found = graphqlDuration.labels(type, operation, outcome)));
    return found;
  };
  return {
    onExecute({ args }) {
      const { type, rootFields } = operationOf(args.document as DocumentNode);
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          const outcome = 'errors' in result && result.errors?.length ? 'error' : 'ok';
          seriesOf(type, rootFields[0] ?? 'other', outcome).observe((performance.now() - started) / 1000);
        },
      };
    },
  };
}

/**
 * Every operation, subscriptions included, takes from its caller's budgets before it runs; an empty one
 * answers RATE_LIMITED, running nothing.
 */
function useRateLimits(limits: RateLimits): Plugin {
  /** The refusal, or null when the caller's budgets allow the operation. */
  const refusal = async (args: { contextValue: unknown; document: unknown }): Promise<GraphQLError | null> => {
    const context = args.contextValue as Context;
    const who = context.viewer ? `user:${context.viewer.userId}` : `ip:${context.clientIp ?? 'unknown'}`;
    try {
      await limits.take(who, operationOf(args.document as DocumentNode).rootFields);
      return null;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return clientErrorOf(error);
    }
  };
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const refused = await refusal(args);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const refused = await refusal(args);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
  };
}

/**
 * Read your own writes: after a mutation that wrote followed data (a checkout, a price report), this
 * process's next searches and stock reads first make sure the change has come back from PostgreSQL,
 * instead of waiting for the refresh. Its statements counted already when they ran, before they
 * committed; counting again once the mutation is done makes the next reader wait for a barrier sent
 * after the commit. A mutation that wrote nothing followed (a cart change) costs readers nothing.
 */
function useOwnWritesSeen(writes: () => number, wrote: () => void): Plugin {
  return {
    onExecute({ args }) {
      if (operationOf(args.document as DocumentNode).type !== 'mutation') return;
      const before = writes();
      return { onExecuteDone: () => (writes() === before ? undefined : wrote()) };
    },
  };
}

/** Refuses introspection (__schema, __type) while validating: for production, where the schema is not published. */
function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/**
 * Every error carries a code: those of execution get theirs from maskError; what is left without one was
 * refused before running (the query limits of graphql-armor give none), so it is a validation failure.
 */
function useErrorCodes(): Plugin {
  const coded = (result: ExecutionResult): ExecutionResult =>
    result.errors?.some((error) => !error.extensions?.code)
      ? {
          ...result,
          errors: result.errors.map((error) =>
            error.extensions?.code
              ? error
              : new GraphQLError(error.message, {
                  nodes: error.nodes,
                  source: error.source,
                  positions: error.positions,
                  path: error.path,
                  extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
                }),
          ),
        }
      : result;
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) setResult(result.map(coded));
      else if (!(Symbol.asyncIterator in result)) setResult(coded(result as ExecutionResult));
    },
  };
}

/** The web app's persisted operations, and whether callers without a token are held to them. */
export interface TrustedOperations {
  documents: TrustedDocuments;
  only: boolean;
}

/**
 * Trusted documents: a request may name one of the web app's operations by its SHA-256 instead of sending
 * it (validation is then skipped: these were checked at build time). With `only`, a caller without a
 * token can run nothing else; API clients sending a token may send any operation.
 */
function useTrustedDocuments(trusted: TrustedOperations, services: Services): Plugin {
  return usePersistedOperations({
    // The same reading of a request's hash as the WebSocket server's (websockets.ts).
    extractPersistedOperationId: (params) => persistedHashOf(params.extensions),
    getPersistedOperation: (sha256) => trusted.documents.byHash(sha256),
    // A header alone is not enough: the token must hold. Off, nothing is checked (no promise per request).
    allowArbitraryOperations: trusted.only ? (request) => holdsValidToken(services, request.headers.get('authorization')) : true,
    skipDocumentValidation: true,
    customErrors: {
      notFound: {
        message: 'No operation of the web app has this hash: reload the page (the app may be older or newer than the server)',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
      },
      keyNotFound: {
        message: 'Send a query, or the SHA-256 of a persisted one in extensions.persistedQuery.sha256Hash',
        extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
      },
      persistedQueryOnly: {
        message: "Without a token this API runs only the web app's own operations: sign in and send Authorization: Bearer <token> to run your own",
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 403 } },
      },
    },
  });
}

/** Largest request body accepted (a GraphQL document with its variables); larger ones get 413 unread. */
export const MAX_BODY_BYTES = 1_000_000;

/** Operations one HTTP request may batch (a JSON array body); more are refused before any runs. */
export const MAX_BATCH = 10;

/**
 * Limits checked while validating, before any resolver runs, tuned for this schema: its deepest real
 * query (viewer → orders → edges → node → lines → book → work → editions → …) stays well inside them.
 */
function armor(production: boolean) {
  return EnvelopArmorPlugin({
    maxDepth: { n: 12, ignoreIntrospection: true },
    maxAliases: { n: 30 },
    maxDirectives: { n: 20 },
    maxTokens: { n: 3_000 },
    costLimit: { maxCost: 5_000, ignoreIntrospection: true },
    // Suggestions ("did you mean …") help while developing and map the schema for an attacker in production.
    blockFieldSuggestion: { enabled: production },
  });
}

export function createYogaServer(
  services: Services,
  logger: Logger,
  options: { graphiql: boolean; introspection: boolean; production: boolean; rateLimits: RateLimits | null; trustProxy?: boolean; trusted: TrustedOperations },
): Yoga {
  return createYoga<InitialContext, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    batching: { limit: MAX_BATCH },
    // The HTTP server below refuses bodies over MAX_BODY_BYTES before Yoga sees them (by Content-Length, or
    // while reading a chunked one), so Yoga's own limit, which pipes every body through a stream that counts
    // its bytes, would only check again: about half of a small request's CPU.
    maxRequestBodySize: false,
    graphiql: options.graphiql ? graphiql.options : false,
    renderGraphiQL: graphiql.render,
    landingPage: false,
    logging: false,
    maskedErrors: { maskError: maskError(logger) },
    // Compiles each distinct query once into plain JS; repeated operations skip graphql-js's interpreter.
    // Subscriptions stay on graphql-js: graphql-jit loses their field arguments.
    // Tracing comes last: its span wraps the executor the others settled on (graphql-jit's included).
    plugins: [
      useTrustedDocuments(options.trusted, services),
      armor(options.production),
      useErrorCodes(),
      ...(options.introspection ? [] : [useNoIntrospection()]),
      ...(options.rateLimits ? [useRateLimits(options.rateLimits)] : []),
      useOperationMetrics(),
      useOwnWritesSeen(services.catalogueWrites, services.wroteCatalogue),
      useGraphQlJit({}, { enableIf: (args) => !isSubscription(args.document) }),
      // The provider is passed: without one the plugin would make its own, printing spans to the console.
      // Resolvers of our own get spans (those that load or ask something); plain property reads do not.
      ...(tracingStarted()
        ? [useOpenTelemetry({ resolvers: true, defaultResolvers: false, variables: false, result: false, document: false }, trace.getTracerProvider())]
        : []),
    ],
    context: ({ request, req, connectionParams }) => {
      const fromParams = connectionParams?.authorization ?? connectionParams?.Authorization;
      const authorization = request?.headers.get('authorization') ?? (typeof fromParams === 'string' ? fromParams : null);
      return createContext(services, authorization, clientAddress(request, req, options.trustProxy ?? false));
    },
  });
}

async function readiness(checks: ReadinessCheck[]): Promise<{ ok: boolean; checks: Record<string, string> }> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), 2_000);
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, error instanceof Error ? error.message : 'failed'] as const;
      }
    }),
  );
  return { ok: results.every(([, status]) => status === 'ok'), checks: Object.fromEntries(results) };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function refuseLargeBody(response: ServerResponse): void {
  response.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
  response.end(JSON.stringify({ errors: [{ message: `Request body over ${MAX_BODY_BYTES} bytes`, extensions: { code: 'BAD_USER_INPUT' } }] }));
}

/** How long the rest of a refused chunked body is read before the connection is cut. */
const DRAIN_LIMIT_MS = 5_000;

/** A body sent in chunks gives no length up front: it is read up to the limit (and refused past it), then answered as any other. */
async function answerChunked(yoga: Yoga, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await new Promise<Buffer | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const take = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      // Refused; the rest is read and dropped so the client sees the answer, and a sender that never stops is cut off.
      request.off('data', take);
      request.resume();
      setTimeout(() => request.destroy(), DRAIN_LIMIT_MS).unref();
      resolve(null);
    };
    request.on('data', take);
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
  if (!body) return refuseLargeBody(response);
  const headers = Object.entries(request.headers).flatMap(([name, value]) =>
    name === 'transfer-encoding' || value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((one): [string, string] => [name, one]),
  );
  const answer = await yoga.fetch(
    `http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`,
    { method: request.method, headers, body: new Uint8Array(body) },
    { req: request },
  );
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(Buffer.from(await answer.arrayBuffer()));
}

export interface HttpServerHandle {
  server: Server;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export function createHttpServer(
  yoga: Yoga,
  readinessChecks: ReadinessCheck[],
  socketLimits: Omit<SocketLimits, 'maxPayloadBytes'>,
  logger: Logger,
): HttpServerHandle {
  const webApp = createWebApp(GRAPHQL_PATH);
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/health') return sendJson(response, 200, { status: 'ok' });
    if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return refuseLargeBody(response);
    if (path === '/metrics') {
      void registry.metrics().then((text) => {
        response.writeHead(200, { 'content-type': registry.contentType });
        response.end(text);
      });
      return;
    }
    if (path === '/ready') {
      void readiness(readinessChecks).then((result) => sendJson(response, result.ok ? 200 : 503, result));
      return;
    }
    if (request.headers['transfer-encoding'] && request.headers['content-length'] === undefined) return void answerChunked(yoga, request, response);
    if (path !== GRAPHQL_PATH && (request.method === 'GET' || request.method === 'HEAD')) return webApp(request, response);
    void yoga(request, response);
  };
  // Every request runs under its id (X-Request-Id, kept from the caller when sane): the log lines written
  // for it carry the id, the response names it, and at debug level each request leaves one line.
  const server = createServer((request: IncomingMessage, response: ServerResponse) =>
    inRequestScope(request.headers['x-request-id'], (requestId) => {
      const started = performance.now();
      response.setHeader('x-request-id', requestId);
      if (logger.isLevelEnabled('debug'))
        response.once('finish', () =>
          logger.debug(
            { method: request.method, path: request.url?.split('?')[0], status: response.statusCode, ms: Math.round(performance.now() - started) },
            'request',
          ),
        );
      handle(request, response);
    }),
  );
  const wsServer = attachWebSockets(server, yoga, { ...socketLimits, maxPayloadBytes: MAX_BODY_BYTES }, GRAPHQL_PATH);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    // Stop accepting, let in-flight requests finish, then drop idle keep-alive connections.
    close: async () => {
      for (const client of wsServer.clients) client.close(1001, 'Server shutting down');
      wsServer.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const forced = setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, 10_000);
      await closed;
      clearTimeout(forced);
    },
  };
}
