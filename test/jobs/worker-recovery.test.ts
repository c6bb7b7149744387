import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.js';
import { startWorker, type WorkerHandle } from '../../src/worker.js';
import { createBook } from '../factories/catalog.js';
import { checkout } from '../helpers/checkout.js';
import { eventually } from '../helpers/receivers.js';
import { openShop, type Shop } from '../helpers/shop.js';

// A worker killed with SIGKILL keeps its job locked (graphile-worker alone waits 4 hours); once it has
// been silent for WORKER_DEAD_AFTER_SECONDS its jobs are unlocked and a live worker runs them.
let shop: Shop;
let worker: WorkerHandle | null = null;

beforeAll(async () => {
  shop = await openShop({ seed: 131, stores: 1, runWorker: false, environment: { FULFILMENT_STEP_SECONDS: '0', WORKER_DEAD_AFTER_SECONDS: '2' } });
});
afterAll(async () => {
  await worker?.stop();
  await shop.close();
});

describe('a killed worker', () => {
  it('has its locked job run again by a live worker within seconds of being found silent, without repeating a step', { timeout: 60_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Outlived Its Worker', priceCents: 900, stock: { onHand: 2 } });
    const token = await shop.shopper('outlived@example.com');
    await shop.t.execute('mutation ($isbn: String!) { addToCart(input: { isbn: $isbn, quantity: 1 }) { version } }', { isbn: book.isbn13 }, token);
    expect((await checkout(shop, { idempotencyKey: 'outlived' }, token)).data!.checkout.status).toBe('PLACED');
    const order = await shop.t.app.db.selectFrom('orders').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();

    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/fulfil-and-die.ts', shop.t.databaseUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
    expect(await new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)))).toBe('SIGKILL');
    const locked = await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL`.execute(shop.t.app.db);
    expect(locked.rows[0]!.n).toBeGreaterThan(0);

    worker = await startWorker({
      connectionString: shop.t.databaseUrl,
      services: shop.t.app.services,
      logger: createLogger('silent'),
      concurrency: 2,
      refreshConcurrency: 0,
      deadAfterSeconds: 2,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const status = async () => (await shop.t.app.db.selectFrom('orders').select('status').where('id', '=', order.id).executeTakeFirstOrThrow()).status;
    expect(await status()).toBe('PLACED'); // still locked by the dead worker

    await new Promise((resolve) => setTimeout(resolve, 1_500)); // silent for longer than WORKER_DEAD_AFTER_SECONDS
    await shop.t.app.services.recoverDeadWorkers();
    await eventually(async () => (await status()) === 'DELIVERED');
    const steps = await shop.t.app.db
      .selectFrom('orderEvents')
      .select('status')
      .where('orderId', '=', order.id)
      .where('shipmentId', 'is', null)
      .orderBy('id')
      .execute();
    expect(steps.map((step) => step.status)).toEqual(['PLACED', 'PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED']);
  });
});
