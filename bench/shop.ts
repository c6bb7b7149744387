import { sql } from 'kysely';
import { createDatabase } from '../src/db/connect.js';
import { hashCartToken, newCartToken } from '../src/resolvers/carts/cart-repository.js';
import { createInventoryService } from '../src/resolvers/inventory/inventory-service.js';
import { startSimulator } from '../src/simulator/server.js';
import { ADDRESS } from './lib/address.js';
import { loadWithCpu } from './lib/cpu.js';
import { type LoadResult, runLoad, summarize } from './lib/load.js';
import { startServer, stopServer } from './lib/processes.js';
import { catalogueDescription, machineDescription, resultTable, writeSection } from './lib/report.js';

export interface ShopBenchOptions {
  databaseUrl: string;
  stores: number;
  durationMs: number;
  concurrency: number;
  /** The benchmark's own PostgreSQL, told apart from other processes to count its CPU. */
  postgresDataDir: string;
}

const PORT = 4509;
const CARTS = 500;
const CONTENDED_BOOKS = 20;
const UNITS_EACH = 50;
const CHECKOUTS = 2_000;
const EXPIRED = 100_000;
const SWEEP_BOOKS = 20_000;

type Db = ReturnType<typeof createDatabase>['db'];

/**
 * The shop: cart operations (read, add, update) over many guest carts through the API with Redis as
 * the cart cache; checkouts racing for a few books with little stock; and the reservation sweeper
 * ending 100,000 expired holds, against a bare UPDATE of the same rows as the baseline.
 */
export async function runShopBench(options: ShopBenchOptions): Promise<void> {
  const simulator = await startSimulator({ stores: options.stores, seed: 20261124 });
  const { db } = createDatabase({ connectionString: options.databaseUrl, poolSize: 4 });
  const folio = await startServer(
    'src/main.ts',
    {
      DATABASE_URL: options.databaseUrl,
      SIMULATOR_URL: simulator.url,
      RUN_WORKER: 'false',
      REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'folio-bench',
    },
    PORT,
  );
  try {
    const url = `http://127.0.0.1:${PORT}/graphql`;
    const shelf = await stockedBooks(db, 1_000);
    const carts = await fillCarts(url, shelf);
    const withCpu = async (measure: () => Promise<LoadResult>): Promise<LoadResult> => {
      const { result } = await loadWithCpu(options.postgresDataDir, measure, folio.pid!);
      return result;
    };
    const run = (name: string, body: () => string) =>
      withCpu(() => runLoad({ name, url, concurrency: options.concurrency, durationMs: options.durationMs, body }));
    await run('warm-up', readCart(carts));
    const baseline = await run('Folio `{ __typename }` (baseline)', () => JSON.stringify({ query: '{ __typename }' }));
    const reads = await run('`cart(cartToken)` (read, cached)', readCart(carts));
    const adds = await run('`addToCart` (quantity +1)', addToCart(carts, shelf));
    const updates = await run('`updateCartItem` (set quantity)', updateCart(carts));
    const contention = await checkoutsUnderContention(db, url, options.concurrency, withCpu);
    const sweep = await sweeper(db);
    const { rows } = await sql<{ version: string }>`SELECT current_setting('server_version') AS version`.execute(db);
    report(options, `PostgreSQL ${rows[0]!.version}`, await catalogueDescription(db), [baseline, reads, adds, updates], contention, sweep);
  } finally {
    await stopServer(folio);
    await db.destroy();
    await simulator.close();
  }
}

interface Carted {
  token: string;
  isbn: string;
}

/** First-party books with plenty of stock and a list price. */
async function stockedBooks(db: Db, count: number): Promise<string[]> {
  const { rows } = await sql<{ isbn13: string }>`
    SELECT b.isbn13 FROM books b JOIN inventory i ON i.book_id = b.id
    WHERE b.list_price_cents IS NOT NULL GROUP BY b.id, b.isbn13 HAVING sum(i.on_hand - i.reserved - i.sold) >= 10 ORDER BY b.id LIMIT ${count}`.execute(db);
  return rows.map((row) => row.isbn13);
}

async function graphql(url: string, query: string, variables?: unknown): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return response.json();
}

/** CARTS guest carts made through the API, each with one book in it. */
async function fillCarts(url: string, shelf: string[]): Promise<Carted[]> {
  const carts: Carted[] = [];
  for (let i = 0; i < CARTS; i++) {
    const token = (await graphql(url, 'mutation { createCart { token } }')).data.createCart.token as string;
    const isbn = shelf[i % shelf.length]!;
    await graphql(url, 'mutation ($input: AddToCartInput!) { addToCart(input: $input) { version } }', { input: { cartToken: token, isbn, quantity: 1 } });
    carts.push({ token, isbn });
  }
  return carts;
}

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

function readCart(carts: Carted[]) {
  return () =>
    JSON.stringify({
      query: 'query ($t: String) { cart(cartToken: $t) { version itemCount subtotal { cents } items { quantity unitPrice { cents } } } }',
      variables: { t: pick(carts).token },
    });
}

function addToCart(carts: Carted[], shelf: string[]) {
  return () =>
    JSON.stringify({
      query: 'mutation ($input: AddToCartInput!) { addToCart(input: $input) { version itemCount } }',
      variables: { input: { cartToken: pick(carts).token, isbn: pick(shelf.slice(0, 50)), quantity: 1 } },
    });
}

function updateCart(carts: Carted[]) {
  return () => {
    const cart = pick(carts);
    return JSON.stringify({
      query: 'mutation ($input: UpdateCartItemInput!) { updateCartItem(input: $input) { version itemCount } }',
      variables: { input: { cartToken: cart.token, isbn: cart.isbn, quantity: 1 + Math.floor(Math.random() * 5) } },
    });
  };
}

interface Contention {
  result: LoadResult;
  placed: number;
  outOfStock: number;
  unitsSold: number;
}

/**
 * CHECKOUTS guest carts, each wanting one copy of one of CONTENDED_BOOKS books with UNITS_EACH units
 * each (so half of them lose), checked out `concurrency` at a time.
 */
async function checkoutsUnderContention(
  db: Db,
  url: string,
  concurrency: number,
  measured: (measure: () => Promise<LoadResult>) => Promise<LoadResult>,
): Promise<Contention> {
  const books = await sql<{ id: number; isbn13: string }>`
    SELECT b.id, b.isbn13 FROM books b WHERE b.list_price_cents IS NOT NULL AND EXISTS (SELECT 1 FROM inventory i WHERE i.book_id = b.id)
    ORDER BY b.id DESC LIMIT ${CONTENDED_BOOKS}`.execute(db);
  const ids = books.rows.map((book) => book.id);
  await sql`UPDATE inventory SET on_hand = reserved + sold + CASE WHEN warehouse_id = (SELECT min(warehouse_id) FROM inventory x WHERE x.book_id = inventory.book_id) THEN ${UNITS_EACH} ELSE 0 END
    WHERE book_id = any(${ids}::bigint[])`.execute(db);
  const soldBefore = await soldOf(db, ids);
  const own = await db.selectFrom('stores').select('id').where('kind', '=', 'FIRST_PARTY').executeTakeFirstOrThrow();
  const tokens = Array.from({ length: CHECKOUTS }, newCartToken);
  await sql`
    WITH created AS (
      INSERT INTO carts (guest_token_hash, expires_at) SELECT h, now() + interval '1 day' FROM unnest(${tokens.map(hashCartToken)}::text[]) WITH ORDINALITY AS t(h, n) RETURNING id
    )
    INSERT INTO cart_items (cart_id, book_id, store_id, quantity, unit_price_cents)
    SELECT c.id, b.id, ${own.id}, 1, b.list_price_cents FROM created c JOIN books b ON b.id = (${ids}::bigint[])[1 + c.id % ${ids.length}]`.execute(db);
  let next = 0;
  const statuses: string[] = [];
  const result = await measured(async () => {
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < tokens.length) {
          const token = tokens[next++]!;
          const begin = performance.now();
          const answer = await graphql(url, 'mutation ($input: CheckoutInput!) { checkout(input: $input) { status } }', {
            input: { cartToken: token, paymentToken: 'tok_visa', idempotencyKey: `bench-${token}`, shippingAddress: ADDRESS },
          });
          latencies.push(performance.now() - begin);
          statuses.push(answer.data?.checkout?.status ?? 'ERROR');
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const errors = statuses.filter((status) => status !== 'PLACED' && status !== 'OUT_OF_STOCK').length;
    return summarize(
      `\`checkout\`, ${CHECKOUTS.toLocaleString('en-US')} carts racing for ${CONTENDED_BOOKS} books × ${UNITS_EACH} units`,
      latencies,
      seconds,
      errors,
    );
  });
  return {
    result,
    placed: statuses.filter((status) => status === 'PLACED').length,
    outOfStock: statuses.filter((status) => status === 'OUT_OF_STOCK').length,
    unitsSold: (await soldOf(db, ids)) - soldBefore,
  };
}

async function soldOf(db: Db, ids: number[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT coalesce(sum(sold), 0)::int AS n FROM inventory WHERE book_id = any(${ids}::bigint[])`.execute(db);
  return rows[0]!.n;
}

interface Sweep {
  sweeperSeconds: number;
  baselineSeconds: number;
  released: number;
  countersRight: boolean;
}

/** EXPIRED holds of one unit over SWEEP_BOOKS books, ended by the sweeper; the baseline is a bare UPDATE of as many rows. */
async function sweeper(db: Db): Promise<Sweep> {
  // Leftovers of an interrupted earlier run go first.
  await restore(db, 'bench-sweep-baseline', 'ALL');
  await restore(db, 'bench-sweep', 'HELD');
  const expire = async (holder: string) => {
    await sql`
      WITH books AS (SELECT book_id, min(warehouse_id) AS warehouse_id FROM inventory GROUP BY book_id ORDER BY book_id LIMIT ${SWEEP_BOOKS}),
      held AS (
        INSERT INTO reservations (book_id, warehouse_id, quantity, holder, expires_at)
        SELECT b.book_id, b.warehouse_id, 1, ${holder}, now() - interval '1 minute'
        FROM books b CROSS JOIN generate_series(1, ${EXPIRED / SWEEP_BOOKS}) RETURNING book_id, warehouse_id
      )
      UPDATE inventory i SET on_hand = on_hand + h.n, reserved = reserved + h.n
      FROM (SELECT book_id, warehouse_id, count(*)::int AS n FROM held GROUP BY 1, 2) h
      WHERE i.book_id = h.book_id AND i.warehouse_id = h.warehouse_id`.execute(db);
    await sql`ANALYZE reservations`.execute(db);
  };
  await expire('bench-sweep-baseline');
  let started = performance.now();
  await sql`UPDATE reservations SET status = 'EXPIRED' WHERE holder = 'bench-sweep-baseline' AND status = 'HELD'`.execute(db);
  const baselineSeconds = (performance.now() - started) / 1000;
  await restore(db, 'bench-sweep-baseline', 'ALL');

  await expire('bench-sweep');
  started = performance.now();
  const released = await createInventoryService(db).releaseExpired();
  const sweeperSeconds = (performance.now() - started) / 1000;
  const { rows } = await sql<{ bad: number }>`SELECT count(*)::int AS bad FROM inventory WHERE reserved < 0 OR reserved + sold > on_hand`.execute(db);
  await restore(db, 'bench-sweep', 'HELD');
  return { sweeperSeconds, baselineSeconds, released, countersRight: rows[0]!.bad === 0 };
}

/**
 * Takes the bench's holds and the units added for them out again. The baseline's bare UPDATE gave no
 * units back, so all its holds still count as reserved; the sweeper's count only while still HELD.
 */
async function restore(db: Db, holder: string, stillReserved: 'ALL' | 'HELD'): Promise<void> {
  const counted = stillReserved === 'ALL' ? sql`count(*)` : sql`count(*) FILTER (WHERE status = 'HELD')`;
  await sql`
    WITH gone AS (DELETE FROM reservations WHERE holder = ${holder} RETURNING book_id, warehouse_id, status)
    UPDATE inventory i SET reserved = reserved - g.held, on_hand = on_hand - g.n
    FROM (SELECT book_id, warehouse_id, count(*)::int AS n, ${counted}::int AS held FROM gone GROUP BY 1, 2) g
    WHERE i.book_id = g.book_id AND i.warehouse_id = g.warehouse_id`.execute(db);
}

function report(options: ShopBenchOptions, postgresVersion: string, catalogue: string, carts: LoadResult[], contention: Contention, sweep: Sweep): void {
  const [baseline, reads, adds, updates] = carts as [LoadResult, LoadResult, LoadResult, LoadResult];
  const markdown = `## Shop: carts, checkout, reservations

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineDescription(postgresVersion)}. One Folio process (API only) with Redis as the
cart cache, PostgreSQL on the same machine, ${catalogue}. Cart operations: ${CARTS} guest carts made through the API,
${options.concurrency} requests in flight for ${options.durationMs / 1000} s each; ratios against \`{ __typename }\` in the same run.
CPU per request counts the Folio process and every PostgreSQL process over the scenario (the load generator, Redis and the
rest are left out); it explains a throughput, and moves less with the machine's pace than req/s do.

${resultTable(carts, baseline)}

- Cart p95: read **${reads.p95} ms**, add **${adds.p95} ms**, update **${updates.p95} ms** (target under 20 ms; the brief allows 200 ms).

**Checkout under contention**: ${CHECKOUTS.toLocaleString('en-US')} guest carts each want one copy of one of ${CONTENDED_BOOKS} books that have ${UNITS_EACH} units
each (${(CONTENDED_BOOKS * UNITS_EACH).toLocaleString('en-US')} units for ${CHECKOUTS.toLocaleString('en-US')} shoppers), ${options.concurrency} checkouts in flight. Every placed checkout holds stock,
authorises and captures with the test provider and records the order with its shipment.

${resultTable([contention.result], baseline)}

- **${contention.result.throughput} checkouts/s** (target ≥ 192; p95 ${contention.result.p95} ms): ${contention.placed} PLACED, ${contention.outOfStock} OUT_OF_STOCK, ${contention.result.errors} other;
  units sold ${contention.unitsSold} (must equal the orders placed: ${contention.unitsSold === contention.placed ? 'yes' : 'NO'}).

**Reservation sweeper**: ${EXPIRED.toLocaleString('en-US')} expired one-unit holds over ${SWEEP_BOOKS.toLocaleString('en-US')} books.

| run | holds | seconds | holds/s |
|---|---:|---:|---:|
| bare \`UPDATE reservations SET status = 'EXPIRED'\` (baseline: no stock given back) | ${EXPIRED.toLocaleString('en-US')} | ${sweep.baselineSeconds.toFixed(2)} | ${Math.round(EXPIRED / sweep.baselineSeconds).toLocaleString('en-US')} |
| sweeper (\`release_expired_reservations\`: batches of 1,000, inventory rows locked in checkout order, counters given back) | ${sweep.released.toLocaleString('en-US')} | ${sweep.sweeperSeconds.toFixed(2)} | ${Math.round(sweep.released / sweep.sweeperSeconds).toLocaleString('en-US')} |

- The sweeper takes ${(sweep.sweeperSeconds / sweep.baselineSeconds).toFixed(1)}× the bare update; inventory counters consistent afterwards: ${sweep.countersRight ? 'yes' : 'NO'}.
`;
  writeSection('shop', markdown);
  console.log(markdown);
}
