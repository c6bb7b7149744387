import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBook } from '../factories/catalog.js';
import { eventually } from '../helpers/receivers.js';
import { openShop, type Shop } from '../helpers/shop.js';
import { sweepCartsTask } from '../../src/jobs/carts/sweep-carts.js';
import { enqueue } from '../../src/jobs/kit.js';

let shop: Shop;
let url: string;

beforeAll(async () => {
  shop = await openShop({ seed: 127, stores: 2, runWorker: true });
  url = `http://127.0.0.1:${await shop.t.app.http.listen(0, '127.0.0.1')}`;
});
afterAll(() => shop.close());

async function metrics(): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

describe('/metrics', () => {
  it('exposes request latency by operation, jobs, partner calls, cache tiers, queue depth and the process', { timeout: 30_000 }, async () => {
    const book = await createBook(shop.t.app.db, { title: 'Measured' });
    await shop.priceEverywhere(book.isbn13, 1_500); // a query, live partner calls, an evaluate_alerts job
    await shop.t.execute(`{ book(isbn: "${book.isbn13}") { offers { total { cents } } } }`); // offers from the cache
    await eventually(async () => (await metrics()).includes('folio_job_duration_seconds_count{task="evaluate_alerts",outcome="success"}'));
    const text = await metrics();
    expect(text).toMatch(/folio_graphql_operation_duration_seconds_count\{type="query",operation="book",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/folio_partner_call_duration_seconds_count\{store="[a-z0-9-]+",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/folio_offer_cache_lookups_total\{tier="(local|database)"\} [1-9]/);
    expect(text).toContain('folio_job_queue_depth');
    await enqueue(shop.t.app.db, sweepCartsTask, {}, { delayMs: 3_600_000 });
    expect(await metrics()).toMatch(/folio_job_queue_depth\{task="sweep_carts"\} [1-9]/);
    expect(text).toContain('folio_process_resident_memory_bytes');
  });
});
