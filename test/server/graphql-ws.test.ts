import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
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
