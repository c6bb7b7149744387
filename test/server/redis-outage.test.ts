import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { freePort } from '../helpers/processes.js';
import { eventually } from '../helpers/receivers.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// A Redis of this test's own (stopping the shared one would disturb other files): Folio keeps
// answering while it is gone, and uses it again when it is back, without a restart.
let redis: ChildProcess | null = null;
let port: number;
let t: TestApp;
let url: string;

async function startRedis(): Promise<void> {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await eventually(canConnect);
}

async function stopRedis(): Promise<void> {
  const exited = new Promise((resolve) => redis!.once('exit', resolve));
  redis!.kill('SIGKILL');
  await exited;
  redis = null;
}

function canConnect(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function ready(): Promise<{ status: number; checks: Record<string, string> }> {
  const response = await fetch(`${url}/ready`);
  return { status: response.status, checks: ((await response.json()) as { checks: Record<string, string> }).checks };
}

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  t = await startTestApp({ environment: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  url = `http://127.0.0.1:${await t.app.http.listen(0, '127.0.0.1')}`;
});
afterAll(async () => {
  if (redis) await stopRedis();
  await t.close();
});

describe('Redis going away', () => {
  it('keeps answering quickly while it is down, reports not ready, and recovers by itself when it returns', { timeout: 60_000 }, async () => {
    const book = await createBook(t.app.db, { title: 'Cached Elsewhere', priceCents: 1_000, stock: { onHand: 3 } });
    const cartToken = (await t.execute<{ createCart: { token: string } }>('mutation { createCart { token } }')).data!.createCart.token;
    const cartQuery = '{ cart(cartToken: $t) { itemCount } }'.replace('$t', JSON.stringify(cartToken));
    expect(
      (await t.execute(`mutation { addToCart(input: { cartToken: ${JSON.stringify(cartToken)}, isbn: "${book.isbn13}", quantity: 1 }) { itemCount } }`)).errors,
    ).toBeUndefined();
    expect((await ready()).status).toBe(200);

    await stopRedis();
    for (const query of [cartQuery, `{ book(isbn: "${book.isbn13}") { title stock offers { total { cents } } } }`]) {
      const started = Date.now();
      const answer = await t.execute(query);
      expect(answer.errors, query).toBeUndefined();
      expect(Date.now() - started, query).toBeLessThan(2_500);
    }
    const changed = await t.execute(
      `mutation { addToCart(input: { cartToken: ${JSON.stringify(cartToken)}, isbn: "${book.isbn13}", quantity: 1 }) { itemCount } }`,
    );
    expect(changed.errors).toBeUndefined();
    expect((await ready()).status).toBe(503);

    await startRedis();
    await eventually(async () => (await ready()).status === 200);
    expect((await ready()).checks.redis).toBe('ok');
    const after = await t.execute<{ cart: { itemCount: number } }>(cartQuery);
    expect(after.data!.cart.itemCount).toBe(2);
  });
});
