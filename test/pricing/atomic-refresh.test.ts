import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordObservations } from '../../src/resolvers/pricing/offer-repository.js';
import { createBook, createStore } from '../factories/catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function counts(bookId: number) {
  const { rows } = await sql<Record<string, number>>`
    SELECT (SELECT count(*) FROM offers WHERE book_id = ${bookId})::int AS offers,
           (SELECT count(*) FROM price_observations WHERE book_id = ${bookId})::int AS observations,
           (SELECT count(*) FROM price_daily WHERE book_id = ${bookId})::int AS daily,
           (SELECT count(*) FROM book_price_daily WHERE book_id = ${bookId})::int AS book_daily,
           (SELECT count(*) FROM graphile_worker.jobs WHERE key = ${`evaluate_alerts:${bookId}`})::int AS jobs`.execute(t.app.db);
  return rows[0];
}

describe('a refresh is all or nothing', () => {
  it('leaves no offer, history, rollup or job behind when the process is killed before commit', async () => {
    const book = await createBook(t.app.db, { title: 'Killed Mid-Write', isbn13: '9780141439846' });
    const store = await createStore(t.app.db, 'kill-test');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/hang-in-transaction.ts', t.databaseUrl, String(book.id), String(store.id)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => String(chunk).includes('written') && resolve());
      child.on('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // The server notices the dropped connection and rolls back; give it a moment.
    for (let attempt = 0; attempt < 50; attempt++) {
      const active = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`.execute(t.app.db);
      if (active.rows[0]!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await counts(book.id)).toEqual({ offers: 0, observations: 0, daily: 0, bookDaily: 0, jobs: 0 });

    // The same write, committed, leaves every part behind: the counts above can see them.
    await t.app.db
      .transaction()
      .execute((trx) =>
        recordObservations(trx, book.id, [
          { storeId: store.id, priceCents: 777, shippingCents: 0, currency: 'USD', inStock: true, observedAt: new Date(), source: 'CRAWL' },
        ]),
      );
    expect(await counts(book.id)).toEqual({ offers: 1, observations: 1, daily: 1, bookDaily: 1, jobs: 1 });
  });
});
