import os from 'node:os';
import { sql } from 'kysely';
import { createDatabase } from '../src/db/connect.js';
import { hashCartToken, newCartToken } from '../src/resolvers/carts/cart-repository.js';
import { startSimulator } from '../src/simulator/server.js';
import { ADDRESS } from './lib/address.js';
import { type LoadResult, runLoad } from './lib/load.js';
import { startServer, stopServer } from './lib/processes.js';
import { catalogueDescription, machineDescription, resultTable, writeSection } from './lib/report.js';

export interface MixedBenchOptions {
  databaseUrl: string;
  stores: number;
  durationMs: number;
  concurrency: number;
}

const PORTS = [4510, 4511];
const BOOKS = 2_000;
const CARTS = 5_000;

/** What a shop's traffic looks like, by share of requests. */
const MIX: [kind: string, share: number][] = [
  ['browse', 30],
  ['search', 20],
  ['offers', 15],
  ['cart', 15],
  ['add', 7],
  ['history', 10],
  ['checkout', 3],
];

type Db = ReturnType<typeof createDatabase>['db'];

/**
 * A shop's mixed load — browse, search, offers, cart reads and adds, price history and checkouts in a
 * realistic ratio — against one Folio process and against two behind a round-robin balancer, on the
 * same PostgreSQL, Redis and partner network.
 */
export async function runMixedBench(options: MixedBenchOptions): Promise<void> {
  const simulator = await startSimulator({ stores: options.stores, seed: 20261124 });
  const { db } = createDatabase({ connectionString: options.databaseUrl, poolSize: 2 });
  const environment = {
    DATABASE_URL: options.databaseUrl,
    SIMULATOR_URL: simulator.url,
    RUN_WORKER: 'false',
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: 'folio-bench',
  };
  try {
    const shelf = await popularStockedBooks(db);
    const results: LoadResult[] = [];
    for (const instances of [1, 2]) {
      const processes = await Promise.all(PORTS.slice(0, instances).map((port) => startServer('src/main.ts', environment, port)));
      try {
        const urls = PORTS.slice(0, instances).map((port) => `http://127.0.0.1:${port}/graphql`);
        const body = requestMix(shelf, await guestCarts(db, shelf));
        await runLoad({ name: 'warm-up', url: urls, concurrency: options.concurrency, durationMs: 3_000, body });
        results.push(
          await runLoad({
            name: `mixed shop load, ${instances} process${instances > 1 ? 'es' : ''}`,
            url: urls,
            concurrency: options.concurrency,
            durationMs: options.durationMs,
            body,
          }),
        );
      } finally {
        await Promise.all(processes.map(stopServer));
      }
    }
    report(options, await catalogueDescription(db), results);
  } finally {
    await db.destroy();
    await simulator.close();
  }
}

/** Popular books Folio stocks itself (browse, offers, history and carts all use them). */
async function popularStockedBooks(db: Db): Promise<string[]> {
  await sql`UPDATE inventory SET on_hand = on_hand + 1000 WHERE book_id IN (
    SELECT b.id FROM books b WHERE b.list_price_cents IS NOT NULL AND EXISTS (SELECT 1 FROM inventory i WHERE i.book_id = b.id)
    ORDER BY b.demand_score DESC LIMIT ${BOOKS}) AND on_hand < 1000`.execute(db);
  const { rows } = await sql<{ isbn13: string }>`
    SELECT b.isbn13 FROM books b WHERE b.list_price_cents IS NOT NULL AND EXISTS (SELECT 1 FROM inventory i WHERE i.book_id = b.id)
    ORDER BY b.demand_score DESC LIMIT ${BOOKS}`.execute(db);
  return rows.map((row) => row.isbn13);
}

/** Guest carts holding one stocked book each (fixtures; each checkout uses one up). */
async function guestCarts(db: Db, shelf: string[]): Promise<string[]> {
  const own = await db.selectFrom('stores').select('id').where('kind', '=', 'FIRST_PARTY').executeTakeFirstOrThrow();
  const tokens = Array.from({ length: CARTS }, newCartToken);
  await sql`
    WITH created AS (
      INSERT INTO carts (guest_token_hash, expires_at) SELECT h, now() + interval '1 day' FROM unnest(${tokens.map(hashCartToken)}::text[]) AS h RETURNING id
    )
    INSERT INTO cart_items (cart_id, book_id, store_id, quantity, unit_price_cents)
    SELECT c.id, b.id, ${own.id}, 1, b.list_price_cents FROM created c
    JOIN books b ON b.isbn13 = (${shelf}::text[])[1 + c.id % ${shelf.length}]`.execute(db);
  return tokens;
}

function requestMix(shelf: string[], allCarts: string[]): () => string {
  // Checkouts use carts of their own: a checked-out cart is gone, and reads or adds to it would fail.
  const toCheckOut = allCarts.slice(0, CARTS / 2);
  const carts = allCarts.slice(CARTS / 2);
  const total = MIX.reduce((sum, [, share]) => sum + share, 0);
  const words = ['love', 'war', 'night', 'river', 'garden', 'history', 'secret', 'city', 'world', 'house'];
  const from = new Date(Date.now() - 365 * 86_400_000).toISOString();
  let nextCart = 0;
  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
  const requests: Record<string, () => { query: string; variables?: unknown }> = {
    browse: () => ({
      query: 'query ($i: String!) { book(isbn: $i) { title authors { name } listPrice { amount } stock work { editions { isbn13 format } } } }',
      variables: { i: pick(shelf) },
    }),
    search: () => ({
      query: 'query ($q: String) { searchBooks(query: $q, first: 20) { totalCount edges { node { title isbn13 } } facets { categories { label count } } } }',
      variables: { q: pick(words) },
    }),
    offers: () => ({
      query: 'query ($i: String!) { book(isbn: $i) { offers { store { name } total { cents } inStock } lowestOffer { total { cents } } } }',
      variables: { i: pick(shelf) },
    }),
    cart: () => ({
      query: 'query ($t: String) { cart(cartToken: $t) { itemCount subtotal { cents } items { quantity unitPrice { cents } } } }',
      variables: { t: pick(carts) },
    }),
    add: () => ({
      query: 'mutation ($input: AddToCartInput!) { addToCart(input: $input) { version } }',
      variables: { input: { cartToken: pick(carts), isbn: pick(shelf), quantity: 1 } },
    }),
    history: () => ({
      query:
        'query ($i: String!, $f: DateTime!) { book(isbn: $i) { priceHistory(from: $f, granularity: WEEK) { points { close { cents } } lowest30d { cents } } } }',
      variables: { i: pick(shelf), f: from },
    }),
    checkout: () => ({
      query: 'mutation ($input: CheckoutInput!) { checkout(input: $input) { status } }',
      variables: {
        input: {
          cartToken: toCheckOut[nextCart++ % toCheckOut.length],
          paymentToken: 'tok_visa',
          idempotencyKey: `mixed-${Date.now()}-${nextCart}`,
          shippingAddress: ADDRESS,
        },
      },
    }),
  };
  return () => {
    let roll = Math.random() * total;
    const [kind] = MIX.find(([, share]) => (roll -= share) < 0) ?? MIX[0]!;
    return JSON.stringify(requests[kind]!());
  };
}

function report(options: MixedBenchOptions, catalogue: string, results: LoadResult[]): void {
  const [one, two] = results as [LoadResult, LoadResult];
  const errorRate = (result: LoadResult) => `${((result.errors / Math.max(1, result.requests)) * 100).toFixed(2)} %`;
  const markdown = `## Mixed shop load: one process and two

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineDescription('')}. ${catalogue[0]!.toUpperCase()}${catalogue.slice(1)}, Redis, ${options.stores} simulated
partner stores; ${options.concurrency} requests in flight for ${options.durationMs / 1000} s. The mix, by share of requests: ${MIX.map(([kind, share]) => `${kind} ${share} %`).join(', ')}
(browse = a book page; offers = the comparison from cache; cart = a guest cart read; add = addToCart; history = a year of
WEEK buckets; checkout = a one-book first-party checkout). "Two processes" are two Folio API processes on the same machine,
taken in turn (round robin); the worker is off in both runs. The ratio compares against the one-process run.

${resultTable(results, one)}

- Error rate: one process ${errorRate(one)}, two processes ${errorRate(two)} (an error is a non-200 answer or a GraphQL error; a
  checkout that ends OUT_OF_STOCK is not an error).
- This machine has ${os.cpus().length} cores shared by PostgreSQL, Redis, the simulator, the load generator and Folio, so a second
  process mostly competes for the same cores: the figure shows what the second process adds here, not what a second machine would.
`;
  writeSection('mixed', markdown);
  console.log(markdown);
}
