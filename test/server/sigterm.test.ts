import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { ADDRESS } from '../factories/address.js';
import { freePort, startFolioProcess } from '../helpers/processes.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// `npm start`'s process, stopped with SIGTERM while a checkout is paying: the checkout completes
// and is answered, then the process exits cleanly.
let t: TestApp;
let folio: ChildProcess;
let url: string;

async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: unknown[] }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: unknown[] };
}

beforeAll(async () => {
  t = await startTestApp();
  ({ process: folio, url } = await startFolioProcess({ DATABASE_URL: t.databaseUrl, SIMULATOR_PORT: String(await freePort()) }));
});
afterAll(async () => {
  if (folio.exitCode === null) folio.kill('SIGKILL');
  await t.close();
});

describe('SIGTERM', () => {
  it('lets an in-flight checkout finish and be answered, then exits cleanly', { timeout: 30_000 }, async () => {
    const book = await createBook(t.app.db, { title: 'Bought While Stopping', priceCents: 1_000, stock: { onHand: 1 } });
    const cartToken = (await graphql<{ createCart: { token: string } }>('mutation { createCart { token } }')).data!.createCart.token;
    await graphql('mutation ($input: AddToCartInput!) { addToCart(input: $input) { version } }', { input: { cartToken, isbn: book.isbn13, quantity: 1 } });

    const exited = new Promise<number | null>((resolve) => folio.once('exit', (code) => resolve(code)));
    // tok_slow takes 1.5 s to authorise: the signal arrives while the payment is on its way.
    const checkout = graphql<{ checkout: { status: string } }>('mutation ($input: CheckoutInput!) { checkout(input: $input) { status } }', {
      input: { cartToken, paymentToken: 'tok_slow', idempotencyKey: 'stopping', shippingAddress: ADDRESS },
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    folio.kill('SIGTERM');
    expect((await checkout).data!.checkout.status).toBe('PLACED');
    expect(await exited).toBe(0);
    const stock = await t.app.db.selectFrom('inventory').select(['reserved', 'sold']).where('bookId', '=', book.id).executeTakeFirstOrThrow();
    expect(stock).toEqual({ reserved: 0, sold: 1 });
  });
});
