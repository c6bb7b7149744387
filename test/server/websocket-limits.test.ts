import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_BODY_BYTES } from '../../src/server.js';
import { createBook } from '../factories/catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Limits at the WebSocket door: message size, sockets per address, open subscriptions per caller, and the
// rate limits counting subscriptions like any other operation.
let limited: TestApp;
let budgeted: TestApp;
let url: string;
let budgetedUrl: string;
let isbn: string;

beforeAll(async () => {
  limited = await startTestApp({ environment: { WS_CONNECTIONS_PER_ADDRESS: '3', SUBSCRIPTIONS_PER_CALLER: '2' } });
  budgeted = await startTestApp({ environment: { RATE_LIMITS: 'true', RATE_LIMIT_PER_MINUTE: '5' } });
  url = `ws://127.0.0.1:${await limited.app.http.listen(0, '127.0.0.1')}/graphql`;
  budgetedUrl = `ws://127.0.0.1:${await budgeted.app.http.listen(0, '127.0.0.1')}/graphql`;
  isbn = (await createBook(limited.app.db, { title: 'Open Doors', isbn13: '9780306406157' })).isbn13;
  await createBook(budgeted.app.db, { title: 'Open Doors', isbn13: isbn });
});
afterAll(async () => {
  await limited.close();
  await budgeted.close();
});

/** A raw socket speaking graphql-ws's protocol, open (or the HTTP status that refused it). */
function rawSocket(): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', reject);
  });
}

const closed = (socket: WebSocket) => new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

/** Subscribes; resolves with the first answer: 'open' once the server has taken it, or the error code it refused with. */
function subscribeTo(client: Client): { answer: Promise<string>; stop: () => void } {
  let stop = () => {};
  const answer = new Promise<string>((resolve) => {
    stop = client.subscribe(
      { query: `subscription { offersUpdated(isbn: "${isbn}") { price { cents } } }` },
      {
        next: (message) => resolve(String(message.errors?.[0]?.extensions?.code ?? 'data')),
        error: (error) => resolve(String((Array.isArray(error) ? error[0]?.extensions?.code : undefined) ?? error)),
        complete: () => resolve('complete'),
      },
    );
    // A subscription the server took stays silent until an offer changes.
    setTimeout(() => resolve('open'), 400);
  });
  return { answer, stop: () => stop() };
}

describe('WebSocket limits', () => {
  it('closes a socket whose message is larger than an HTTP body may be (1009)', async () => {
    const socket = (await rawSocket()) as WebSocket;
    const code = closed(socket);
    socket.send(JSON.stringify({ type: 'connection_init', payload: { filler: 'x'.repeat(MAX_BODY_BYTES + 1) } }));
    expect(await code).toBe(1009);
  });

  it('answers 429 to a socket over the per-address cap, and lets one in again once another closes', async () => {
    const sockets = [await rawSocket(), await rawSocket(), await rawSocket()];
    expect(sockets.every((socket) => socket instanceof WebSocket)).toBe(true);
    expect(await rawSocket()).toBe(429);
    const first = sockets[0] as WebSocket;
    const gone = closed(first);
    first.close();
    await gone;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await rawSocket();
    expect(again).toBeInstanceOf(WebSocket);
    for (const socket of [...sockets.slice(1), again] as WebSocket[]) socket.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
  });

  it('refuses a subscription past the per-caller cap with RATE_LIMITED, and takes one again when another completes', async () => {
    const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const first = subscribeTo(client);
      const second = subscribeTo(client);
      expect([await first.answer, await second.answer]).toEqual(['open', 'open']);
      const third = subscribeTo(client);
      expect(await third.answer).toBe('RATE_LIMITED');
      first.stop();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await subscribeTo(client).answer).toBe('open');
    } finally {
      await client.dispose();
    }
  });

  it('counts subscriptions in the rate limits: past the budget, one is refused and runs nothing', async () => {
    const client = createClient({ url: budgetedUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const answers: string[] = [];
      for (let attempt = 0; attempt < 6; attempt++) {
        const subscription = subscribeTo(client);
        answers.push(await subscription.answer);
        subscription.stop();
      }
      expect(answers.slice(0, 5)).toEqual(['open', 'open', 'open', 'open', 'open']);
      expect(answers[5]).toBe('RATE_LIMITED');
    } finally {
      await client.dispose();
    }
  });
});
