import type { ChildProcess } from 'node:child_process';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { createBook } from '../factories/catalog.js';
import { startFolioProcess } from '../helpers/processes.js';
import { eventually, startWebhookReceiver, type WebhookReceiver } from '../helpers/receivers.js';
import { calmStores, setPrice } from '../helpers/simulator.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Two Folio processes (API and worker each), started by the test, on one PostgreSQL and one Redis.
let t: TestApp;
let sim: RunningSimulator;
let receiver: WebhookReceiver;
const folios: { process: ChildProcess; url: string }[] = [];

function startFolio(): Promise<{ process: ChildProcess; url: string }> {
  return startFolioProcess({
    DATABASE_URL: t.databaseUrl,
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `${t.databaseUrl.split('/').pop()}`,
    SIMULATOR_URL: sim.url,
    REFRESH_CONCURRENCY: '0',
    WEBHOOK_RETRY_BASE_MS: '100',
  });
}

async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: unknown[] };
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  sim = await startSimulator({ seed: 139, stores: 3 });
  await calmStores(sim, { rateLimitPerSecond: 500 });
  t = await startTestApp();
  await t.app.services.stores.syncFromNetwork(sim.url);
  folios.push(await startFolio(), await startFolio());
}, 120_000);
afterAll(async () => {
  for (const folio of folios) {
    const exited = new Promise((resolve) => folio.process.once('exit', resolve));
    folio.process.kill('SIGTERM');
    await exited;
  }
  await t.close();
  await sim.close();
  await receiver.close();
});

describe('two instances', () => {
  it('a live look-up on one instance reaches offersUpdated subscribers on the other', { timeout: 60_000 }, async () => {
    const book = await createBook(t.app.db, { title: 'Heard Across Instances' });
    for (const profile of sim.simulator.profiles()) await setPrice(sim, profile.slug, book.isbn13, 1_700);
    const a = folios[0]!;
    const b = folios[1]!;
    const client = createClient({ url: `${b.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const received: unknown[] = [];
    client.subscribe(
      { query: `subscription { offersUpdated(isbn: "${book.isbn13}") { price { cents } } }` },
      {
        next: (message) => void received.push(message.data),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    // The other instance's Redis subscription becomes active a moment after subscribe: look up until it hears.
    for (let attempt = 0; attempt < 40 && received.length === 0; attempt++) {
      await graphql(a.url, `{ book(isbn: "${book.isbn13}") { offers(maxAgeSeconds: 0) { total { cents } } } }`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(received.length).toBeGreaterThan(0);
    expect(received[0]).toEqual({ offersUpdated: { price: { cents: 1_700 } } });
    await client.dispose();
  });

  it('runs each job once: 40 webhook deliveries, raced for by both workers, each arrive exactly once', { timeout: 90_000 }, async () => {
    const a = folios[0]!;
    const token = (
      await graphql<{ signUp: { token: string } }>(a.url, 'mutation { signUp(email: "twice@example.com", password: "correct horse battery") { token } }')
    ).data!.signUp.token;
    const books = [];
    for (let i = 0; i < 40; i++) books.push(await createBook(t.app.db, { title: `Watched Twice ${i}` }));
    for (const book of books) {
      for (const profile of sim.simulator.profiles()) await setPrice(sim, profile.slug, book.isbn13, 3_000);
      await graphql(a.url, `{ book(isbn: "${book.isbn13}") { offers(maxAgeSeconds: 0) { total { cents } } } }`);
      const created = await graphql(
        a.url,
        `
          mutation ($isbn: String!, $url: String!) {
            createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 2500, channels: [WEBHOOK], webhookUrl: $url }) {
              id
            }
          }
        `,
        { isbn: book.isbn13, url: receiver.url },
        token,
      );
      expect(created.errors).toBeUndefined();
    }
    for (const [index, book] of books.entries()) {
      for (const profile of sim.simulator.profiles()) await setPrice(sim, profile.slug, book.isbn13, 1_000);
      await graphql(folios[index % 2]!.url, `{ book(isbn: "${book.isbn13}") { offers(maxAgeSeconds: 0) { total { cents } } } }`);
    }
    await eventually(() => receiver.received.length >= 40);
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // nothing more may arrive
    const ids = receiver.received.map((entry) => (JSON.parse(entry.body) as { id: string }).id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });
});
