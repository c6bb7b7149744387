import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await startTestApp({ runWorker: true });
  const port = await t.app.http.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => t.close());

describe('HTTP endpoints', () => {
  it('answers /health and /ready with the state of Postgres and the worker', async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, checks: { postgres: 'ok', search: 'ok', worker: 'ok' } });
  });

  it('serves GraphiQL to browsers at /graphql', async () => {
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/graphiql/i);
  });

  it('masks unexpected failures without leaking internals', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ book(isbn: "9780306406157") { title } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { book: null } });
  });
});

describe('graphql-ws on the same port', () => {
  it('runs operations and reads the token from connectionParams', async () => {
    const signUp = await t.execute(`mutation { signUp(email: "ws@example.com", password: "socket pass 42") { token } }`);
    const token = signUp.data!.signUp.token;
    const client = createClient({
      url: `${base.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    try {
      const result = await new Promise<any>((resolve, reject) => {
        let value: unknown;
        client.subscribe({ query: '{ viewer { user { email } } }' }, { next: (data) => (value = data), error: reject, complete: () => resolve(value) });
      });
      expect(result).toEqual({ data: { viewer: { user: { email: 'ws@example.com' } } } });
    } finally {
      await client.dispose();
    }
  });
});
