import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from 'graphql-ws';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { App } from '../../src/app.js';
import { bySlot, createRedis, deleteMany, getMany, setMany } from '../../src/lib/redis.js';
import { createBook } from '../factories/catalog.js';
import { freePort } from '../helpers/processes.js';
import { eventually } from '../helpers/receivers.js';
import { openShop, type Shop } from '../helpers/shop.js';

const run = promisify(execFile);

// A three-master Redis Cluster of the test's own, and two Folio instances on it: the cart cache, the
// offer cache, partner budgets, rate limits and cross-instance subscriptions all work across its slots.
const PER_MINUTE = 40;
let folder: string;
let ports: number[];
const servers: ChildProcess[] = [];
let cluster: Cluster;
let shop: Shop;
let other: App;
let prefix: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'folio-redis-cluster-'));
  ports = [await freePort(), await freePort(), await freePort()];
  for (const port of ports) {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`];
    servers.push(spawn('redis-server', [...args, '--cluster-node-timeout', '2000', '--save', '', '--appendonly', 'no', '--dir', folder], { stdio: 'ignore' }));
  }
  for (const port of ports)
    await waitFor(async () => (await run('redis-cli', ['-p', String(port), 'ping']).catch(() => ({ stdout: '' }))).stdout.includes('PONG'));
  await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes']);
  await waitFor(async () => ports.every(Boolean) && (await run('redis-cli', ['-p', String(ports[0]), 'cluster', 'info'])).stdout.includes('cluster_state:ok'));

  const nodes = ports.map((port) => `127.0.0.1:${port}`).join(',');
  shop = await openShop({ seed: 419, stores: 2, environment: { REDIS_CLUSTER_NODES: nodes, RATE_LIMITS: 'true', RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) } });
  other = await shop.t.anotherInstance();
  prefix = new URL(shop.t.databaseUrl).pathname.slice(1); // the test app's REDIS_PREFIX
  cluster = createRedis({ clusterNodes: nodes.split(',') }, { retryStrategy: () => 200 }) as Cluster;
  await waitFor(async () => cluster.status === 'ready');
}, 120_000);

afterAll(async () => {
  await other?.close();
  await shop?.close();
  cluster?.disconnect();
  for (const server of servers) server.kill('SIGTERM');
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function waitFor(done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await done().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the Redis Cluster did not come up');
}

/** Every key under this test's prefix, with the port of the master that holds it. */
async function keysByNode(pattern: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const node of cluster.nodes('master')) {
    for (const key of await node.keys(`${prefix}:${pattern}`)) found.set(key, node.options.port!);
  }
  return found;
}

async function post(app: App, query: string, variables: Record<string, unknown> = {}) {
  const port = (app.http.server.address() as { port: number } | null)?.port ?? (await app.http.listen(0, '127.0.0.1'));
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
}

describe('on a Redis Cluster', () => {
  it('reads, writes and deletes many keys that live in different slots', async () => {
    const keys = Array.from({ length: 30 }, (_, index) => `${prefix}:spread:${index}`);
    expect(bySlot(cluster, keys).length).toBeGreaterThan(10);
    await setMany(
      cluster,
      keys.map((key, index) => [key, String(index)]),
      60,
    );
    expect(await getMany(cluster, [...keys, `${prefix}:spread:none`])).toEqual([...keys.map((_, index) => String(index)), null]);
    expect(new Set((await keysByNode('spread:*')).values()).size).toBe(3);
    await deleteMany(cluster, keys);
    expect((await keysByNode('spread:*')).size).toBe(0);
  });

  it('keeps offers, carts and partner budgets in the cluster, and a subscriber on one instance hears a look-up made on the other', async () => {
    const books = [];
    for (let index = 0; index < 8; index++) books.push(await createBook(shop.t.app.db, { title: `Clustered ${index}`, priceCents: 900, stock: { onHand: 3 } }));
    const port = await other.http.listen(0, '127.0.0.1');
    const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const heard: number[] = [];
    client.subscribe<{ offersUpdated: { total: { cents: number } } }>(
      { query: `subscription { offersUpdated(isbn: "${books[0]!.isbn13}") { total { cents } } }` },
      { next: (message) => void (message.data && heard.push(message.data.offersUpdated.total.cents)), error: () => undefined, complete: () => undefined },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const book of books) await shop.priceEverywhere(book.isbn13, 1_500);
    await eventually(() => heard.length > 0);
    expect(heard.length).toBeGreaterThan(0);
    await client.dispose();

    // Offers of many books read at once (a page of results) come from the cluster, spread over its nodes.
    const page = await post(shop.t.app, '{ searchBooks(query: "Clustered", first: 8) { edges { node { lowestOffer { total { cents } } } } } }');
    expect(page.errors).toBeUndefined();
    expect(page.data.searchBooks.edges.every((edge: { node: { lowestOffer: unknown } }) => edge.node.lowestOffer)).toBe(true);
    const offers = await keysByNode('offers:*');
    expect(offers.size).toBeGreaterThanOrEqual(books.length);
    expect(new Set(offers.values()).size).toBeGreaterThan(1);
    expect((await keysByNode('partner-budget:*')).size).toBe(2);

    const created = await post(shop.t.app, 'mutation { createCart { token } }');
    const cartToken = created.data.createCart.token as string;
    const added = await post(other, 'mutation ($input: AddToCartInput!) { addToCart(input: $input) { itemCount } }', {
      input: { cartToken, isbn: books[1]!.isbn13, quantity: 2 },
    });
    expect(added.errors).toBeUndefined();
    expect((await post(shop.t.app, 'query ($token: String) { cart(cartToken: $token) { itemCount } }', { token: cartToken })).data.cart.itemCount).toBe(2);
    expect((await keysByNode('cart:guest:*')).size).toBe(1);
    // A change through the other instance drops the cached copy wherever it lives.
    await post(other, 'mutation ($input: UpdateCartItemInput!) { updateCartItem(input: $input) { itemCount } }', {
      input: { cartToken, isbn: books[1]!.isbn13, quantity: 5 },
    });
    expect((await post(shop.t.app, 'query ($token: String) { cart(cartToken: $token) { itemCount } }', { token: cartToken })).data.cart.itemCount).toBe(5);
  });

  it('counts one rate-limit budget for both instances', async () => {
    let served = 0;
    for (let request = 0; request < PER_MINUTE * 2; request++) {
      const answer = await post(request % 2 ? other : shop.t.app, '{ __typename }');
      if (answer.errors?.[0]?.extensions?.code === 'RATE_LIMITED') break;
      served++;
    }
    // Counted apart, each instance would have let about PER_MINUTE through.
    expect(served).toBeLessThanOrEqual(PER_MINUTE);
    expect(served).toBeGreaterThan(0);
  });
});
