import { Writable } from 'node:stream';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/lib/logger.js';
import { startTracing, stopTracing } from '../../src/lib/tracing.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { createBook } from '../factories/catalog.js';
import { calmStores } from '../helpers/simulator.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { inject } from 'vitest';

// Tracing with an in-memory exporter: one trace per operation, with the SQL it ran and the partner calls
// it made as its spans; the log lines of a request carry its id, which the response names.
const exporter = new InMemorySpanExporter();
const lines: Record<string, unknown>[] = [];
let database: TestDatabase;
let sim: RunningSimulator;
let app: App;
let base: string;

beforeAll(async () => {
  startTracing({ serviceName: 'folio-test', exporter });
  database = await createTestDatabase(inject('templateDatabase'));
  sim = await startSimulator({ seed: 211, stores: 2 });
  await calmStores(sim, { rateLimitPerSecond: 200 });
  const sink = new Writable({ write: (chunk, _encoding, done) => void (lines.push(JSON.parse(String(chunk))), done()) });
  const config = loadConfig({ NODE_ENV: 'test', RATE_LIMITS: 'false', REDIS_PREFIX: database.name } as NodeJS.ProcessEnv);
  app = await createApp({ config, databaseUrl: database.url, logger: createLogger('debug', 'folio', sink), runWorker: false });
  await app.services.stores.syncFromNetwork(sim.url);
  base = `http://127.0.0.1:${await app.http.listen(0, '127.0.0.1')}`;
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
  await database?.drop();
  await stopTracing();
});

async function post(query: string, requestId?: string): Promise<Response> {
  return fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) },
    body: JSON.stringify({ query }),
  });
}

const traceOf = (span: ReadableSpan) => span.spanContext().traceId;

describe('tracing', () => {
  it('gives each operation one trace, with its SQL statements and partner calls as spans inside it', async () => {
    const book = await createBook(app.db, { title: 'Traced Pages' });
    exporter.reset();
    const first = await post(`query LivePrices { book(isbn: "${book.isbn13}") { title offers(maxAgeSeconds: 0) { total { cents } } } }`);
    expect(first.status).toBe(200);
    const second = await post(`query JustTheTitle { book(isbn: "${book.isbn13}") { title } }`);
    expect(second.status).toBe(200);

    const spans = exporter.getFinishedSpans();
    const operations = spans.filter((span) => span.name.startsWith('query.'));
    expect(operations.map((span) => span.name).sort()).toEqual(['query.JustTheTitle', 'query.LivePrices']);
    const live = operations.find((span) => span.name === 'query.LivePrices')!;
    expect(new Set(operations.map(traceOf)).size).toBe(2); // one trace per operation
    const inLive = spans.filter((span) => traceOf(span) === traceOf(live) && span !== live);
    expect(inLive.filter((span) => span.name === 'pg.query').length).toBeGreaterThan(0);
    const partnerCalls = inLive.filter((span) => span.name.startsWith('partner '));
    expect(partnerCalls.length).toBe(2); // both stores were asked, within the operation's trace
    expect(partnerCalls[0]!.attributes['url.full']).toContain(sim.url);
    for (const span of inLive) expect(span.parentSpanId).toBeTruthy();
    // Resolvers that load or ask something have spans of their own, inside the operation's.
    const offersResolver = inLive.find((span) => span.name === 'Book.offers');
    expect(offersResolver?.parentSpanId).toBe(live.spanContext().spanId);
  });

  it('names each request by an id in the response, and every log line of the request carries it', async () => {
    const answer = await post('{ __typename }', 'trace-me-0001');
    expect(answer.headers.get('x-request-id')).toBe('trace-me-0001');
    const made = await post('{ __typename }');
    const id = made.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const logged = lines.filter((line) => line.requestId === id);
    expect(logged.map((line) => line.msg)).toContain('request');
    expect(logged.find((line) => line.msg === 'request')).toMatchObject({ method: 'POST', path: '/graphql', status: 200 });
  });
});
