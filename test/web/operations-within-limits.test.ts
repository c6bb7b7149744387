import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Every operation the web app sends passes the server's query limits (depth, aliases, tokens, cost): a
// page asking for too much would otherwise only fail in a shopper's browser.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

// Loaded at run time: the web app is its own TypeScript project (bundler module resolution).
const operations: Record<string, unknown> = await import(String(new URL('../../web/src/operations.ts', import.meta.url)));

describe("the web app's operations", () => {
  const documents = Object.entries(operations).filter(([, document]) => !/^\s*fragment\b/.test(String(document)));

  it('are all here to check (an operation edited without `npm run codegen` has no generated document)', () => {
    expect(documents.length).toBeGreaterThanOrEqual(20);
    expect(documents.filter(([, document]) => !/^\s*(query|mutation|subscription)\b/.test(String(document))).map(([name]) => name)).toEqual([]);
  });

  it.each(documents)('%s is valid and within the query limits', (_name, document) => {
    // The server's own validation, with every rule its plugins add (graphql-armor's limits among them).
    const { parse, validate, schema } = t.app.yoga.getEnveloped({});
    const errors = validate(schema, parse(String(document)));
    expect(errors.map((error: { message: string }) => error.message)).toEqual([]);
  });
});
