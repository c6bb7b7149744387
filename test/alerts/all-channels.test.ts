import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBook } from '../factories/catalog.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { setPrice } from '../helpers/simulator.js';

let shop: Shop;
let token: string;
let receiver: Server;
let sink: SMTPServer;
const hooks: { body: string; signature: string; answered: number }[] = [];
const mails: string[] = [];
let failuresLeft = 2;

const addressOf = (server: { address(): unknown }) => (server.address() as AddressInfo).port;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answered = failuresLeft-- > 0 ? 503 : 204;
      hooks.push({ body: Buffer.concat(chunks).toString(), signature: String(request.headers['folio-signature']), answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push(Buffer.concat(chunks).toString());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  shop = await openShop({
    seed: 89, stores: 3, runWorker: true,
    environment: { SMTP_URL: `smtp://127.0.0.1:${addressOf(sink.server)}`, WEBHOOK_RETRY_BASE_MS: '100' },
  });
  token = await shop.shopper('everywhere@example.com');
});
afterAll(async () => {
  await shop.close();
  await new Promise((resolve) => receiver.close(resolve));
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

describe('one price drop, every channel', () => {
  it('reaches the subscriber, the webhook receiver (signed; after two failures) and the SMTP sink, each exactly once', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Heard Everywhere' });
    const priceEverywhere = async (cents: number) => {
      for (const profile of shop.sim.simulator.profiles()) await setPrice(shop.sim, profile.slug, book.isbn13, cents);
      await shop.t.execute(`{ book(isbn: "${book.isbn13}") { offers(maxAgeSeconds: 0) { total { cents } } } }`);
    };
    await priceEverywhere(2_600);
    const created = await shop.t.execute<{ createPriceAlert: { webhookSecret: string } }>(
      `mutation ($isbn: String!, $url: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 2200,
         channels: [SUBSCRIPTION, WEBHOOK, EMAIL], webhookUrl: $url }) { webhookSecret } }`,
      { isbn: book.isbn13, url: `http://127.0.0.1:${addressOf(receiver)}/folio` },
      token,
    );
    expect(created.errors).toBeUndefined();
    const port = await shop.t.app.http.listen(0, '127.0.0.1');
    const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
    const drops: unknown[] = [];
    client.subscribe({ query: 'subscription { priceDropped { newPrice { cents } } }' }, {
      next: (message) => void drops.push(message.data), error: () => undefined, complete: () => undefined,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));

    await priceEverywhere(1_700);
    for (let attempt = 0; attempt < 100 && (drops.length === 0 || mails.length === 0 || !hooks.some((hook) => hook.answered === 204)); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 700)); // anything extra would arrive by now
    expect(drops).toHaveLength(1);
    expect(mails).toHaveLength(1);
    expect(hooks.map((hook) => hook.answered)).toEqual([503, 503, 204]);
    const secret = created.data!.createPriceAlert.webhookSecret;
    for (const { body, signature } of hooks) {
      const [, timestamp, digest] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)!;
      expect(createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')).toBe(digest);
    }
    await client.dispose();
  });
});
