import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function ready(app: TestApp) {
  const port = await app.app.http.listen(0, '127.0.0.1');
  const response = await fetch(`http://127.0.0.1:${port}/ready`);
  return { status: response.status, body: await response.json() };
}

describe('readiness with Redis', () => {
  it('reports Redis when it is configured and up', async () => {
    t = await startTestApp({ environment: { REDIS_URL: 'redis://127.0.0.1:6379' } });
    const { status, body } = await ready(t);
    expect(status).toBe(200);
    expect(body.checks.redis).toBe('ok');
  });

  it('is not ready when the configured Redis is unreachable, yet still answers queries quickly', async () => {
    t = await startTestApp({ environment: { REDIS_URL: 'redis://127.0.0.1:1' } });
    const started = Date.now();
    const { status, body } = await ready(t);
    expect(status).toBe(503);
    expect(body.checks.postgres).toBe('ok');
    expect(body.checks.redis).not.toBe('ok');
    expect(Date.now() - started).toBeLessThan(5_000);
    const result = await t.execute('{ searchBooks(first: 1) { totalCount } }');
    expect(result.data?.searchBooks.totalCount).toBe(0);
  });
});
