import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { setPrice } from '../helpers/simulator.js';

let shop: Shop;
let token: string;
let sink: SMTPServer;
/** Messages the SMTP sink accepted: envelope recipients and raw content. */
const inbox: { to: string[]; raw: string }[] = [];

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((address) => address.address), raw: Buffer.concat(chunks).toString() });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const port = (sink.server.address() as AddressInfo).port;
  shop = await openShop({ seed: 79, stores: 2, runWorker: true, environment: { SMTP_URL: `smtp://127.0.0.1:${port}`, WEBHOOK_RETRY_BASE_MS: '100' } });
  token = await shop.shopper('reader@example.com');
});
afterAll(async () => {
  await shop.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

describe('e-mail alerts', () => {
  it('sends one e-mail through a real SMTP server when the price drops below the threshold', async () => {
    const book = await createBook(shop.t.app.db, { title: 'Letters Home' });
    const priceEverywhere = async (cents: number) => {
      for (const profile of shop.sim.simulator.profiles()) await setPrice(shop.sim, profile.slug, book.isbn13, cents);
      await shop.t.execute(`{ book(isbn: "${book.isbn13}") { offers(maxAgeSeconds: 0) { total { cents } } } }`);
    };
    await priceEverywhere(3_000);
    const created = await shop.t.execute(
      `mutation ($isbn: String!) { createPriceAlert(input: { isbn: $isbn, rule: BELOW, thresholdCents: 2500, channels: [EMAIL] }) { id } }`,
      { isbn: book.isbn13 },
      token,
    );
    expect(created.errors).toBeUndefined();
    await priceEverywhere(1_900);
    for (let attempt = 0; attempt < 100 && inbox.length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.to).toEqual(['reader@example.com']);
    expect(inbox[0]!.raw).toContain('Letters Home');
    expect(inbox[0]!.raw).toContain(book.isbn13);
    const outbox = await shop.t.app.db.selectFrom('notifications').select(['channel', 'status', 'attempts']).execute();
    expect(outbox).toEqual([{ channel: 'EMAIL', status: 'SENT', attempts: 1 }]);
  });
});
