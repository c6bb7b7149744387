import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../src/db/embedded.js';
import { createLogger } from '../../src/lib/logger.js';
import { startWorker, type WorkerHandle } from '../../src/worker.js';
import { ADDRESS } from '../factories/address.js';
import { createBook } from '../factories/catalog.js';
import { checkout } from '../helpers/checkout.js';
import { freePort } from '../helpers/processes.js';
import { eventually } from '../helpers/receivers.js';
import { openShop, type Shop } from '../helpers/shop.js';

// In the spirit of Jepsen: shoppers check out, cancel and buy at once while worker processes are
// killed and replaced and PostgreSQL (a server of this test's own) restarts under everything;
// afterwards the history must add up — stock, money and fulfilment. HISTORY_RUNS=20 runs more.
const RUNS = Number(process.env.HISTORY_RUNS ?? 3);
const SHOPPERS = 24;
const UNITS = 6;
/** Silence after which a worker is given up for dead: short, so killed workers' jobs come back within the test. */
const DEAD_AFTER_SECONDS = 2;
let shop: Shop;
let worker: WorkerHandle;
let postgres: EmbeddedDatabase;
let dataDir: string;
let port: number;

const startPostgres = () => startEmbeddedPostgres({ dataDir, port, sharedBuffersMb: 64 }, () => undefined);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'folio-history-'));
  port = await freePort();
  postgres = await startPostgres();
  const database = { name: `folio_history_${port}`, url: postgres.connectionString, drop: async () => undefined };
  shop = await openShop({
    seed: 149,
    stores: 2,
    runWorker: false,
    orderStepMs: 300,
    database,
    environment: { FULFILMENT_STEP_SECONDS: '0.2', WORKER_DEAD_AFTER_SECONDS: String(DEAD_AFTER_SECONDS) },
  });
  worker = await startWorker({
    connectionString: shop.t.databaseUrl,
    services: shop.t.app.services,
    logger: createLogger('silent'),
    concurrency: 4,
    refreshConcurrency: 0,
    deadAfterSeconds: DEAD_AFTER_SECONDS,
  });
}, 180_000);
afterAll(async () => {
  await worker?.stop();
  await shop?.close();
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function restartPostgres(): Promise<void> {
  await postgres.stop();
  await new Promise((resolve) => setTimeout(resolve, 300));
  postgres = await startPostgres();
}

function startWorkerProcess(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'test/helpers/worker-process.ts', shop.t.databaseUrl, '0.2', String(DEAD_AFTER_SECONDS)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Requests answered with an internal error while the database was away (so the test shows the outage was felt). */
let internalErrors = 0;

/** As a client does when the server answers with an internal error (its database away): the same request again, a little later. */
async function retried<T extends { errors?: { extensions?: Record<string, unknown> }[] }>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const answer = await send();
    if (attempt === 15 || !answer.errors?.some((error) => error.extensions?.code === 'INTERNAL')) return answer;
    internalErrors++;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function add(token: string, isbn13: string): Promise<void> {
  await retried(() => shop.t.execute('mutation ($isbn: String!) { addToCart(input: { isbn: $isbn, quantity: 1 }) { version } }', { isbn: isbn13 }, token));
}

/** One shopper: a cart of Folio's own books (and sometimes a partner's), checked out, sometimes cancelled at once, sometimes a purchase. */
async function shopper(run: number, index: number, token: string, own: { isbn13: string }[], partner: { isbn13: string }[]): Promise<void> {
  await add(token, own[index % own.length]!.isbn13);
  await add(token, own[(index * 7 + 1) % own.length]!.isbn13);
  if (index % 3 === 0) await add(token, partner[index % partner.length]!.isbn13);
  const paid = await retried(() =>
    checkout(shop, { idempotencyKey: `history-${run}-${index}`, paymentToken: index % 5 === 4 ? 'tok_chargeDeclined' : 'tok_visa' }, token),
  );
  const order = paid.data?.checkout.order;
  if (order && index % 4 === 1) await retried(() => shop.t.execute('mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: order.id }, token));
  if (index % 6 === 2) {
    await retried(() =>
      shop.t.execute(
        'mutation ($isbn: String!, $key: String!, $address: AddressInput) { purchaseBook(input: { isbn: $isbn, maxPriceCents: 100000, paymentToken: "tok_visa", idempotencyKey: $key, shippingAddress: $address }) { status } }',
        { isbn: partner[(index + 1) % partner.length]!.isbn13, key: `history-buy-${run}-${index}`, address: ADDRESS },
        token,
      ),
    );
  }
}

/** What the crons do within minutes, without waiting for them: unlock dead workers' jobs, requeue overdue steps, settle what was interrupted. */
async function afterTheCrons(): Promise<void> {
  const { db, services } = shop.t.app;
  await sql`UPDATE checkouts SET lease_until = now() - interval '1 second' WHERE status = 'IN_PROGRESS'`.execute(db);
  await sql`UPDATE purchase_requests SET lease_until = now() - interval '1 second' WHERE status = 'IN_PROGRESS'`.execute(db);
  await services.recoverDeadWorkers();
  await services.fulfilment.resume(0);
  // Settlements that fail are logged (and retried by the next cron run); the test shows why.
  await services.reconcilePurchases(createLogger('warn'));
  await services.reconcileCheckouts(createLogger('warn'));
}

async function checkInvariants(own: { id: number }[]): Promise<void> {
  const db = shop.t.app.db;
  // Nothing left half-done: no checkout or purchase still running, no authorisation left holding money.
  const { rows: open } = await sql<{ checkouts: number; purchases: number; authorized: number }>`
    SELECT (SELECT count(*)::int FROM checkouts WHERE status = 'IN_PROGRESS') AS checkouts,
      (SELECT count(*)::int FROM purchase_requests WHERE status = 'IN_PROGRESS') AS purchases,
      (SELECT count(*)::int FROM test_payment_ledger WHERE status = 'AUTHORIZED') AS authorized`.execute(db);
  const { rows: running } =
    await sql`SELECT id, step, chosen_store_id, payment_reference, partner_order_id FROM purchase_requests WHERE status = 'IN_PROGRESS'`.execute(db);
  expect(open[0], JSON.stringify(running)).toEqual({ checkouts: 0, purchases: 0, authorized: 0 });
  // Stock: nothing held any more, and every sold unit belongs to a live order (cancelled ones went back).
  for (const book of own) {
    const stock = await db.selectFrom('inventory').select(['onHand', 'reserved', 'sold']).where('bookId', '=', book.id).executeTakeFirstOrThrow();
    const { rows } = await sql<{ n: number }>`
      SELECT coalesce(sum(l.quantity), 0)::int AS n FROM order_lines l JOIN shipments s ON s.id = l.shipment_id
      WHERE l.book_id = ${book.id} AND s.warehouse_id IS NOT NULL AND s.status <> 'CANCELLED'`.execute(db);
    const held = await sql`SELECT r.holder, r.status, r.quantity, c.status AS checkout, c.step, c.reason FROM reservations r
      LEFT JOIN checkouts c ON 'checkout-' || c.id = r.holder WHERE r.book_id = ${book.id} AND r.status = 'HELD'`.execute(db);
    expect(stock, `book ${book.id}: held ${JSON.stringify(held.rows)}`).toEqual({ onHand: UNITS, reserved: 0, sold: rows[0]!.n });
  }
  // Money: every capture not refunded belongs to exactly one live order; live orders are paid; cancelled ones refunded.
  const { rows: money } = await sql<{ capturedWithoutOrder: number; liveOrdersUnpaid: number; cancelledNotRefunded: number }>`
    SELECT
      (SELECT count(*)::int FROM test_payment_ledger l WHERE l.status = 'CAPTURED'
         AND (SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.provider_reference = l.reference AND o.status <> 'CANCELLED') <> 1) AS "capturedWithoutOrder",
      (SELECT count(*)::int FROM orders o WHERE o.status <> 'CANCELLED' AND NOT EXISTS (
         SELECT 1 FROM payments p JOIN test_payment_ledger l ON l.reference = p.provider_reference WHERE p.order_id = o.id AND l.status = 'CAPTURED')) AS "liveOrdersUnpaid",
      (SELECT count(*)::int FROM orders o WHERE o.status = 'CANCELLED' AND EXISTS (
         SELECT 1 FROM payments p JOIN test_payment_ledger l ON l.reference = p.provider_reference WHERE p.order_id = o.id AND l.status <> 'REFUNDED')) AS "cancelledNotRefunded"`.execute(
    db,
  );
  const { rows: unmatched } = await sql`
    SELECT l.reference, l.idempotency_key, l.amount_cents, p.status AS recorded, p.checkout_id, p.purchase_request_id, o.id AS order_id, o.status AS order_status
    FROM test_payment_ledger l LEFT JOIN payments p ON p.provider_reference = l.reference LEFT JOIN orders o ON o.id = p.order_id
    WHERE l.status = 'CAPTURED' AND (o.id IS NULL OR o.status = 'CANCELLED')`.execute(db);
  expect(money[0], JSON.stringify(unmatched)).toEqual({ capturedWithoutOrder: 0, liveOrdersUnpaid: 0, cancelledNotRefunded: 0 });
  // Fulfilment: every live order reaches DELIVERED, through each state exactly once.
  const pending = async () =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM orders WHERE status NOT IN ('DELIVERED', 'CANCELLED')`.execute(db)).rows[0]!.n;
  for (let wait = 0; wait < 6 && (await pending()) > 0; wait++) {
    await afterTheCrons(); // as the crons run again every minute
    await eventually(async () => (await pending()) === 0);
  }
  const { rows: stuck } = await sql<{ id: number; status: string }>`SELECT id, status FROM orders WHERE status NOT IN ('DELIVERED', 'CANCELLED')`.execute(db);
  const { rows: why } = await sql`
    SELECT s.id, s.order_id, s.status, s.store_id, s.next_step_at, j.attempts, j.last_error, j.run_at, j.locked_by
    FROM shipments s LEFT JOIN graphile_worker._private_jobs j ON j.key LIKE 'advance_shipment:' || s.id || ':%'
    WHERE s.order_id = any(${stuck.map((order) => order.id)}::bigint[])`.execute(db);
  expect(stuck, JSON.stringify(why)).toEqual([]);
  const { rows: repeated } = await sql<{ orderId: number }>`
    SELECT order_id FROM order_events WHERE shipment_id IS NULL GROUP BY order_id, status HAVING count(*) > 1`.execute(db);
  expect(repeated).toEqual([]);
}

describe('history under failures', () => {
  it(
    `${RUNS} runs of ${SHOPPERS} shoppers checking out, cancelling and buying while worker processes are killed and PostgreSQL restarts keep stock, money and fulfilment consistent`,
    { timeout: 900_000 },
    async () => {
      for (let run = 1; run <= RUNS; run++) {
        const own = await Promise.all(
          Array.from({ length: 4 }, (_, i) => createBook(shop.t.app.db, { title: `History ${run}-${i}`, priceCents: 1_000 + i, stock: { onHand: UNITS } })),
        );
        const partner = await Promise.all(Array.from({ length: 2 }, (_, i) => createBook(shop.t.app.db, { title: `Partner History ${run}-${i}` })));
        for (const book of partner) await shop.priceEverywhere(book.isbn13, 1_500);
        const tokens = await Promise.all(Array.from({ length: SHOPPERS }, (_, index) => shop.shopper(`history-${run}-${index}@example.com`)));
        let child = startWorkerProcess();
        const chaos = (async () => {
          for (let round = 0; round < 4; round++) {
            await new Promise((resolve) => setTimeout(resolve, 400 + round * 150));
            await kill(child);
            // Once a run, early or a little later by turns (while the shoppers are busy), the database goes away under everything.
            if (round === run % 2) await restartPostgres();
            child = startWorkerProcess();
          }
        })();
        await Promise.all(tokens.map((token, index) => shopper(run, index, token, own, partner)));
        await chaos;
        await kill(child);
        await new Promise((resolve) => setTimeout(resolve, DEAD_AFTER_SECONDS * 1_000 + 200));
        await afterTheCrons();
        await checkInvariants(own);
      }
      expect(internalErrors).toBeGreaterThan(0);
    },
  );
});
