import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('GraphQL over HTTP compliance (graphql-http audits)', () => {
  const audits = serverAudits({
    url: 'http://folio.test/graphql',
    fetchFn: (input: RequestInfo | URL, init?: RequestInit) => t.app.yoga.fetch(new Request(input, init)),
  });

  it.each(audits.filter((audit) => audit.name.startsWith('MUST')).map((audit) => [audit.name, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect(result.status, 'reason' in result ? result.reason : '').toBe('ok');
  });

  it('passes at least the SHOULD audits a client depends on', async () => {
    const should = audits.filter((audit) => audit.name.startsWith('SHOULD'));
    const results = await Promise.all(should.map(async (audit) => ({ ...(await audit.fn()), name: audit.name })));
    const failures = results.filter((result) => result.status === 'error');
    expect(failures.map((failure) => failure.name)).toEqual([]);
  });
});
