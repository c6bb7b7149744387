import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { discoverBookTask } from '../../src/jobs/catalog/discover-book.js';
import { enqueue, enqueueMany } from '../../src/jobs/kit.js';
import { refreshOffersTask } from '../../src/jobs/pricing/refresh-offers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ runWorker: false });
});
afterAll(() => t.close());

async function waiting(task: string) {
  const { rows } = await sql<{ key: string | null; payload: unknown; runAt: Date; priority: number }>`
    SELECT j.key, j.payload, j.run_at AS "runAt", j.priority FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks k ON k.id = j.task_id WHERE k.identifier = ${task} ORDER BY j.id`.execute(t.app.db);
  return rows;
}

describe('queueing a job', () => {
  it("checks the payload against the task's own schema and queues nothing it would refuse", async () => {
    // @ts-expect-error a payload of the wrong shape does not type-check either
    await expect(enqueue(t.app.db, refreshOffersTask, { bookId: 'seven' })).rejects.toThrow(/Invalid payload for refresh_offers/);
    await expect(enqueueMany(t.app.db, refreshOffersTask, [{ payload: { bookId: 1 } }, { payload: { bookId: -1 } }])).rejects.toThrow(/refresh_offers/);
    expect(await waiting('refresh_offers')).toEqual([]);
  });

  it('keeps one waiting job per key, with the options given', async () => {
    const added = await enqueueMany(t.app.db, refreshOffersTask, [
      { payload: { bookId: 1 }, jobKey: 'refresh_offers:1', priority: 2 },
      { payload: { bookId: 2 }, jobKey: 'refresh_offers:2', priority: 0 },
    ]);
    expect(added).toBe(2);
    await enqueue(t.app.db, refreshOffersTask, { bookId: 1 }, { jobKey: 'refresh_offers:1', priority: 1 });
    const jobs = await waiting('refresh_offers');
    expect(jobs.map((job) => [job.key, job.payload, job.priority])).toEqual([
      ['refresh_offers:1', { bookId: 1 }, 1],
      ['refresh_offers:2', { bookId: 2 }, 0],
    ]);
  });

  it('runs a job later, and with preserveRunAt a second request does not put it off', async () => {
    const isbn13 = '9780306406157';
    await enqueue(t.app.db, discoverBookTask, { isbn13 }, { delayMs: 60_000, jobKey: `discover_book:${isbn13}`, preserveRunAt: true });
    const [first] = await waiting('discover_book');
    expect(first!.runAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    await enqueue(t.app.db, discoverBookTask, { isbn13 }, { delayMs: 600_000, jobKey: `discover_book:${isbn13}`, preserveRunAt: true });
    const [second] = await waiting('discover_book');
    expect(second!.runAt.getTime()).toBe(first!.runAt.getTime());
  });

  it("queues only when the caller's transaction commits", async () => {
    await t.app.db
      .transaction()
      .execute(async (trx) => {
        await enqueue(trx, refreshOffersTask, { bookId: 99 }, { jobKey: 'refresh_offers:99' });
        await sql`SELECT 1/0`.execute(trx);
      })
      .catch(() => undefined);
    expect((await waiting('refresh_offers')).some((job) => job.key === 'refresh_offers:99')).toBe(false);
  });
});
