import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createBook } from '../factories/catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Rate limits on, shared through Redis: two instances count one budget per address and per user.
const PER_MINUTE = 30;
let t: TestApp;
let other: App;
let first: string;
let second: string;
let isbn: string;

beforeAll(async () => {
  t = await startTestApp({ environment: { RATE_LIMITS: 'true', RATE_LIMIT_PER_MINUTE: String(PER_MINUTE), REDIS_URL: 'redis://127.0.0.1:6379' } });
  other = await t.anotherInstance();
  first = `http://127.0.0.1:${await t.app.http.listen(0, '127.0.0.1')}/graphql`;
  second = `http://127.0.0.1:${await other.http.listen(0, '127.0.0.1')}/graphql`;
  isbn = (await createBook(t.app.db, { title: 'Popular Page' })).isbn13;
});
afterAll(async () => {
  await other.close();
  await t.close();
});

async function post(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  // A refusal is HTTP 429 with Retry-After (the seconds the error gives too); anything else is 200.
  if (answer.errors?.[0]?.extensions?.code === 'RATE_LIMITED') {
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe(String(answer.errors[0].extensions.retryAfterSeconds));
    expect(answer.errors[0].extensions).not.toHaveProperty('http');
  } else expect(response.status).toBe(200);
  return answer;
}

const limited = (answer: Awaited<ReturnType<typeof post>>) => answer.errors?.[0]?.extensions?.code === 'RATE_LIMITED';

describe('rate limits', () => {
  it('a signed-in user has a budget of their own, and sign-in attempts a stricter one', async () => {
    const token = (await post(first, 'mutation { signUp(email: "busy@example.com", password: "correct horse battery") { token } }')).data!.signUp as {
      token: string;
    };
    const attempts = [];
    for (let i = 0; i < 11; i++) attempts.push(await post(first, 'mutation { signIn(email: "busy@example.com", password: "wrong password 1") { token } }'));
    expect(attempts.slice(0, 9).every((answer) => answer.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED')).toBe(true);
    const last = attempts[10]!;
    expect(limited(last)).toBe(true);
    expect(last.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    // The user's own budget is untouched by the guest traffic from this address.
    expect((await post(first, '{ viewer { user { email } } }', {}, token.token)).errors).toBeUndefined();
  });

  it('a guest address runs out after its per-minute budget, on every instance, and the refused request runs nothing', async () => {
    let served = 0;
    let answer = await post(first, `{ book(isbn: "${isbn}") { title } }`);
    while (!limited(answer) && served < PER_MINUTE * 2) {
      served++;
      answer = await post(served % 2 === 0 ? first : second, `{ book(isbn: "${isbn}") { title } }`);
    }
    // Sign-up and sign-in above took 12 of the address's budget.
    expect(served).toBe(PER_MINUTE - 12);
    expect(answer.data ?? null).toBeNull();
    expect(limited(await post(second, `{ book(isbn: "${isbn}") { title } }`))).toBe(true);
  });
});

describe('behind a trusted proxy', () => {
  it("counts guests by the address the proxy forwarded, not the proxy's own", async () => {
    const proxied = await startTestApp({ environment: { RATE_LIMITS: 'true', RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'true' } });
    try {
      const url = `http://127.0.0.1:${await proxied.app.http.listen(0, '127.0.0.1')}/graphql`;
      const asGuest = (address: string) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.9, ${address}` },
          body: JSON.stringify({ query: '{ __typename }' }),
        }).then((response) => response.json() as Promise<{ errors?: { extensions?: { code?: string } }[] }>);
      for (let i = 0; i < 3; i++) expect((await asGuest('198.51.100.1')).errors).toBeUndefined();
      expect((await asGuest('198.51.100.1')).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect((await asGuest('198.51.100.2')).errors).toBeUndefined(); // another guest behind the same proxy
    } finally {
      await proxied.close();
    }
  });
});
