import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../src/db/embedded.js';
import { createLogger } from '../../src/lib/logger.js';
import { createBook } from '../factories/catalog.js';
import { ADDRESS } from '../factories/address.js';
import { freePort } from '../helpers/processes.js';
import { eventually } from '../helpers/receivers.js';

// A PostgreSQL of this test's own, restarted under a running Folio (API and worker): Folio reconnects
// without a restart of its own and its worker goes on running jobs.
let dataDir: string;
let port: number;
let postgres: EmbeddedDatabase;
let app: App;

const startPostgres = () => startEmbeddedPostgres({ dataDir, port, sharedBuffersMb: 64 }, () => undefined);

async function execute<T>(query: string, variables: Record<string, unknown> = {}) {
  const response = await app.yoga.fetch('http://folio.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] };
}

/** A guest buys one copy of a new first-party book; returns the order id. */
async function order(title: string): Promise<number> {
  const book = await createBook(app.db, { title, priceCents: 800, stock: { onHand: 2 } });
  const cartToken = (await execute<{ createCart: { token: string } }>('mutation { createCart { token } }')).data!.createCart.token;
  await execute('mutation ($input: AddToCartInput!) { addToCart(input: $input) { version } }', { input: { cartToken, isbn: book.isbn13, quantity: 1 } });
  const placed = await execute<{ checkout: { status: string } }>('mutation ($input: CheckoutInput!) { checkout(input: $input) { status } }', {
    input: { cartToken, paymentToken: 'tok_visa', idempotencyKey: title, shippingAddress: ADDRESS },
  });
  expect(placed.data!.checkout.status).toBe('PLACED');
  return (await app.db.selectFrom('orders').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
}

const delivered = async (orderId: number) =>
  (
    await app.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow()
      .catch(() => ({ status: 'UNKNOWN' }))
  ).status === 'DELIVERED';

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'folio-pg-restart-'));
  port = await freePort();
  postgres = await startPostgres();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMITS: 'false',
    FULFILMENT_STEP_SECONDS: '0',
    WORKER_CONCURRENCY: '2',
  } as NodeJS.ProcessEnv);
  app = await createApp({ config, databaseUrl: postgres.connectionString, logger: createLogger('silent'), runWorker: true });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('PostgreSQL restarting', () => {
  it('is survived: queries answer again once it is back, and the worker runs new jobs, without restarting Folio', { timeout: 120_000 }, async () => {
    const before = await order('Before The Restart');
    await eventually(() => delivered(before));
    expect(await delivered(before)).toBe(true);

    // A book not shown yet: its page has to be read from PostgreSQL (searches and pages kept in memory may still answer).
    const unseen = await createBook(app.db, { title: 'Read While Down' });
    const page = `{ book(isbn: "${unseen.isbn13}") { title } }`;
    await postgres.stop();
    const whileDown = Date.now();
    const answer = await execute(page);
    expect(answer.errors?.[0]?.extensions?.code).toBe('INTERNAL');
    expect(Date.now() - whileDown).toBeLessThan(10_000);
    postgres = await startPostgres();

    await eventually(async () => (await execute<{ book: { title: string } }>(page)).data?.book?.title === 'Read While Down');
    const after = await order('After The Restart');
    await eventually(() => delivered(after));
    expect(await delivered(after)).toBe(true);
    expect(app.worker!.isRunning()).toBe(true);
  });
});
