import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { setPrice } from '../helpers/simulator.js';

let shop: Shop;
let token: string;
let receiver: Server;
let receiverUrl: string;
/** Every request the receiver got, and how it answered. */
const received: { body: string; signature: string; answered: number }[] = [];
let failuresLeft = 2;

beforeAll(async () => {
  shop = await openShop({ seed: 73, stores: 2, runWorker: true, environment: { WEBHOOK_RETRY_BASE_MS: '100' } });
  token = await shop.shopper('hooked@example.com');
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answered = failuresLeft-- > 0 ? 500 : 200;
      received.push({ body: Buffer.concat(chunks).toString(), signature: String(request.headers['folio-signature']), answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/folio`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await shop.close();
});

describe('webhooks', () => {
  it('delivers a signed webhook once, after retrying a receiver that failed twice, and shows the attempts on the alert', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Hooked' });
    const priceEverywhere = async (cents: number) => {
      for (const profile of shop.sim.simulator.profiles()) await setPrice(shop.sim, profile.slug, book.isbn13, cents);
      await shop.t.execute(`{ book(isbn: "${book.isbn13}") { offers(maxAgeSeconds: 0) { total { cents } } } }`);
    };
    await priceEverywhere(2_500);
    const created = await shop.t.execute<{ createPriceAlert: { id: string; webhookSecret: string } }>(
      `mutation ($isbn: String!, $url: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 2000, channels: [WEBHOOK], webhookUrl: $url }) { id webhookSecret } }`,
      { isbn: book.isbn13, url: receiverUrl },
      token,
    );
    expect(created.errors).toBeUndefined();
    const { id, webhookSecret } = created.data!.createPriceAlert;
    expect(webhookSecret).toMatch(/^whsec_/);

    await priceEverywhere(1_500);
    for (let attempt = 0; attempt < 100 && !received.some((entry) => entry.answered === 200); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 500)); // nothing more may arrive

    expect(received.map((entry) => entry.answered)).toEqual([500, 500, 200]);
    for (const { body, signature } of received) {
      const [, timestamp, digest] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)!;
      expect(createHmac('sha256', webhookSecret).update(`${timestamp}.${body}`).digest('hex')).toBe(digest);
      expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(60);
      expect(JSON.parse(body)).toMatchObject({ type: 'price.dropped', isbn13: book.isbn13 });
    }
    expect(new Set(received.map((entry) => JSON.parse(entry.body).id)).size).toBe(1);

    const view = await shop.t.execute<{ node: { deliveries: any[] } }>(
      `query ($id: ID!) { node(id: $id) { ... on PriceAlert { deliveries { channel status attempts lastError sentAt } } } }`,
      { id },
      token,
    );
    expect(view.data!.node.deliveries).toEqual([
      { channel: 'WEBHOOK', status: 'SENT', attempts: 3, lastError: null, sentAt: expect.any(String) },
    ]);
  });
});
