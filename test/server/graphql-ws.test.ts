import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { untilSubscribed } from '../helpers/receivers.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// The graphql-transport-ws protocol's close codes, as a misbehaving client meets them.
let t: TestApp;
let url: string;

beforeAll(async () => {
  t = await startTestApp();
  url = `ws://127.0.0.1:${await t.app.http.listen(0, '127.0.0.1')}/graphql`;
});
afterAll(() => t.close());

/** Opens a socket, sends these messages in turn, and resolves with the close code the server chose. */
function closeCodeFor(messages: unknown[], delayBetweenMs = 50): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    socket.on('open', async () => {
      for (const message of messages) {
        socket.send(typeof message === 'string' ? message : JSON.stringify(message));
        await new Promise((wait) => setTimeout(wait, delayBetweenMs));
      }
    });
    socket.on('close', (code) => resolve(code));
    socket.on('error', reject);
  });
}

const init = { type: 'connection_init', payload: {} };
const subscribe = (id: string) => ({ id, type: 'subscribe', payload: { query: 'subscription { offersUpdated(isbn: "9780306406157") { fetchedAt } }' } });

describe('graphql-ws close codes', () => {
  it('4400 for a message that is not of the protocol', async () => {
    expect(await closeCodeFor([init, '{"type":"nonsense"}'])).toBe(4400);
  });

  it('4401 for subscribing before the connection is acknowledged', async () => {
    expect(await closeCodeFor([subscribe('1')])).toBe(4401);
  });

  it('4403 for a connection offering a token that does not hold', async () => {
    expect(await closeCodeFor([{ type: 'connection_init', payload: { authorization: 'Bearer not-a-token' } }])).toBe(4403);
  });

  it('4408 when the connection is never initialised', { timeout: 10_000 }, async () => {
    expect(await closeCodeFor([])).toBe(4408);
  });

  it('4409 for a second subscriber with the same id', async () => {
    expect(await closeCodeFor([init, subscribe('same'), subscribe('same')])).toBe(4409);
  });

  it('4429 for initialising twice', async () => {
    expect(await closeCodeFor([init, init])).toBe(4429);
  });
});

describe('subscriptions checked at every event', () => {
  it('stop with UNAUTHENTICATED once the token that opened them has expired', { timeout: 15_000 }, async () => {
    const brief = await startTestApp({ environment: { AUTH_TOKEN_TTL_SECONDS: '2' } });
    try {
      const port = await brief.app.http.listen(0, '127.0.0.1');
      const token = (
        await brief.execute<{ signUp: { token: string } }>('mutation { signUp(email: "brief@example.com", password: "correct horse battery") { token } }')
      ).data!.signUp.token;
      const user = await brief.app.db.selectFrom('users').select('id').where('email', '=', 'brief@example.com').executeTakeFirstOrThrow();
      const client = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${token}` },
      });
      const seen: string[] = [];
      const ended = new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: 'subscription { priceDropped { newPrice { cents } } }' },
          {
            next: (message) => {
              if (message.errors) resolve(message.errors[0]?.extensions?.code);
              else seen.push('event');
            },
            error: (error) => resolve(Array.isArray(error) ? error[0]?.extensions?.code : String(error)),
            complete: () => resolve('complete'),
          },
        );
      });
      const publish = () =>
        brief.app.services.events.publish('priceDropped', String(user.id), {
          alertId: 0,
          userId: user.id,
          bookId: 0,
          storeId: null,
          oldPriceCents: null,
          newPriceCents: 1,
          at: new Date().toISOString(),
        });
      await untilSubscribed(publish, () => seen.length);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      publish();
      expect(await ended).toBe('UNAUTHENTICATED');
      await client.dispose();
    } finally {
      await brief.close();
    }
  });
});
