import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH, MAX_BODY_BYTES } from '../../src/server.js';
import { createBook } from '../factories/catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Abusive documents are refused while validating: no resolver runs, so no SQL is sent.
let t: TestApp;
let isbn: string;

beforeAll(async () => {
  t = await startTestApp();
  isbn = (await createBook(t.app.db, { title: 'Deep Thoughts' })).isbn13;
});
afterAll(() => t.close());

let port: Promise<number> | undefined;
/** The app's HTTP server, listening on a free port (started once). */
const listening = () => (port ??= t.app.http.listen(0, '127.0.0.1'));

async function refused(query: string): Promise<string> {
  t.statements.length = 0;
  const answer = await t.execute(query);
  expect(answer.data ?? null).toBeNull();
  expect(answer.errors?.length).toBeGreaterThan(0);
  expect(t.statements).toEqual([]);
  // Every refusal names its kind in the documented ErrorCode enum.
  expect(answer.errors![0]!.extensions?.code).toMatch(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/);
  return answer.errors![0]!.message;
}

/** book { work { editions { work { editions { … } } } } } nested to about `levels` levels. */
function deep(levels: number): string {
  let selection = 'title';
  for (let level = 0; level < levels / 2; level++) selection = `work { editions { ${selection} } }`;
  return `{ book(isbn: "${isbn}") { ${selection} } }`;
}

describe('query limits', () => {
  it('refuses a query 50 levels deep (its estimated cost alone is far over), and one just past the depth limit', async () => {
    expect(await refused(deep(50))).toMatch(/depth|cost/i);
    expect(await refused(deep(14))).toMatch(/depth/i);
  });

  it('refuses 1,000 aliases (too many tokens already), and one alias over the alias limit', async () => {
    const aliases = (count: number) => Array.from({ length: count }, (_, i) => `a${i}: book(isbn: "${isbn}") { title }`).join(' ');
    expect(await refused(`{ ${aliases(1_000)} }`)).toMatch(/alias|token/i);
    expect(await refused(`{ ${aliases(31)} }`)).toMatch(/alias/i);
  });

  it('refuses a query whose estimated cost is over the limit', async () => {
    const wide = Array.from(
      { length: 25 },
      (_, i) =>
        `b${i}: searchBooks(query: "x", first: 50) { edges { node { title work { editions { title authors { name } } } } } facets { categories { label count } } }`,
    ).join(' ');
    expect(await refused(`{ ${wide} }`)).toMatch(/cost/i);
  });

  it('refuses a batch of more operations than allowed, before running any', async () => {
    t.statements.length = 0;
    const batch = Array.from({ length: MAX_BATCH + 1 }, () => ({ query: `{ book(isbn: "${isbn}") { title } }` }));
    const response = await t.app.yoga.fetch('http://folio.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    expect(body.errors?.[0]?.message).toMatch(/batch/i);
    expect(t.statements).toEqual([]);
  });

  it('still answers ordinary queries, and a batch within the limit', async () => {
    expect((await t.execute(deep(6))).errors).toBeUndefined();
    const batch = Array.from({ length: MAX_BATCH }, () => ({ query: `{ book(isbn: "${isbn}") { title } }` }));
    const response = await t.app.yoga.fetch('http://folio.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    const answers = (await response.json()) as { data: { book: { title: string } } }[];
    expect(answers).toHaveLength(MAX_BATCH);
    expect(answers.every((answer) => answer.data.book.title === 'Deep Thoughts')).toBe(true);
  });
});

describe('introspection and request size', () => {
  it('answers introspection by default and refuses it when turned off (as for production)', async () => {
    expect((await t.execute('{ __schema { queryType { name } } }')).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const closed = await startTestApp({ environment: { GRAPHQL_INTROSPECTION: 'false' } });
    try {
      const answer = await closed.execute('{ __schema { queryType { name } } }');
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.[0]?.message).toMatch(/introspection/i);
      expect((await closed.execute('{ __typename }')).data).toEqual({ __typename: 'Query' });
    } finally {
      await closed.close();
    }
  });

  it('refuses a request body over the limit with 413, without reading it', async () => {
    const url = `http://127.0.0.1:${await listening()}/graphql`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(MAX_BODY_BYTES) }),
    });
    expect(response.status).toBe(413);
  });

  it('counts a body sent in chunks (no length given) as it arrives: refused past the limit, answered below it', async () => {
    const port = await listening();
    const chunked = (parts: string[]) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(
          { host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => {
              body += chunk.toString();
            });
            response.on('end', () => resolve({ status: response.statusCode!, body }));
          },
        );
        request.on('error', reject);
        for (const part of parts) request.write(part);
        request.end();
      });
    const big = await chunked([`{"query":"{ __typename }","padding":"`, ...Array.from({ length: 12 }, () => 'x'.repeat(100_000)), '"}']);
    expect(big.status).toBe(413);
    const small = await chunked(['{"query":"{ __type', 'name }"}']);
    expect(small).toEqual({ status: 200, body: JSON.stringify({ data: { __typename: 'Query' } }) });
  });
});
