import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BookPageDocument, OffersUpdatedDocument, SignUpDocument } from '../../web/src/gql/graphql.js';
import { persisted } from '../../web/src/persisted.js';
import { createBook } from '../factories/catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Trusted documents as in production: a caller without a token runs only the web app's persisted
// operations (named by hash); an API client with a token that holds may send any operation.
let t: TestApp;
let open: TestApp;
let base: string;
let isbn: string;
let token: string;

beforeAll(async () => {
  t = await startTestApp({ environment: { TRUSTED_DOCUMENTS_ONLY: 'true' } });
  open = await startTestApp();
  base = `http://127.0.0.1:${await t.app.http.listen(0, '127.0.0.1')}`;
  isbn = (await createBook(t.app.db, { title: 'Only Known Words' })).isbn13;
  // The web app's own sign-up, by its hash, is how a new API client gets its first token.
  const signUp = await post({ variables: { email: 'client@example.com', password: 'correct horse battery' }, extensions: persisted(SignUpDocument) });
  token = (signUp.body.data as { signUp: { token: string } }).signUp.token;
});
afterAll(async () => {
  await open.close();
  await t.close();
});

async function post(
  body: unknown,
  authorization?: string,
): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('trusted documents', () => {
  it("runs the web app's operation named by its hash for a caller without a token, and nothing else", async () => {
    const known = await post({ variables: { isbn }, extensions: persisted(BookPageDocument) });
    expect(known.status).toBe(200);
    expect(known.body.data).toMatchObject({ book: { title: 'Only Known Words' } });

    const own = await post({ query: `{ book(isbn: "${isbn}") { title } }` });
    expect(own.status).toBe(403);
    expect(own.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    const unknown = await post({ variables: {}, extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect([unknown.status, unknown.body.errors?.[0]?.extensions?.code]).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
    // A header is not a token: one that does not hold is no way around the list.
    expect((await post({ query: `{ book(isbn: "${isbn}") { title } }` }, 'Bearer not-a-real-token')).body.errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_ONLY',
    );
  });

  it('lets an API client with a token that holds send operations of its own', async () => {
    const own = await post({ query: `{ book(isbn: "${isbn}") { title isbn13 } viewer { user { email } } }` }, `Bearer ${token}`);
    expect(own.status).toBe(200);
    expect(own.body.data).toMatchObject({ book: { title: 'Only Known Words' }, viewer: { user: { email: 'client@example.com' } } });
  });

  it('holds subscriptions over WebSocket to the same rule', async () => {
    const answer = async (
      payload: { query: string; variables: Record<string, unknown>; extensions?: Record<string, unknown> | null },
      connectionParams = {},
    ) => {
      const client = createClient({ url: `${base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams });
      try {
        return await new Promise<string>((resolve) => {
          client.subscribe(payload, {
            next: (message) => resolve(String(message.errors?.[0]?.extensions?.code ?? 'data')),
            error: (error) => resolve(String((Array.isArray(error) ? error[0]?.extensions?.code : undefined) ?? error)),
            complete: () => resolve('complete'),
          });
          setTimeout(() => resolve('open'), 400);
        });
      } finally {
        await client.dispose();
      }
    };
    const own = { query: `subscription { offersUpdated(isbn: "${isbn}") { price { cents } } }`, variables: {} };
    expect(await answer(own)).toBe('PERSISTED_QUERY_ONLY');
    expect(await answer({ query: OffersUpdatedDocument.toString(), variables: { isbn }, extensions: persisted(OffersUpdatedDocument) })).toBe('open');
    expect(await answer(own, { authorization: `Bearer ${token}` })).toBe('open');
  });

  it('is off outside production unless asked for: any operation runs', async () => {
    const answer = await open.execute(`{ book(isbn: "${isbn}") { title } }`);
    expect(answer.errors).toBeUndefined();
  });
});
