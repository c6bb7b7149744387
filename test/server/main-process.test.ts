import { spawn } from 'node:child_process';
import { inject, afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/databases.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase(inject('templateDatabase'));
});
afterAll(() => database.drop());

describe('npm start (src/main.ts)', () => {
  it('loads demo data into an empty database, serves GraphQL, and stops cleanly on SIGINT', async () => {
    const port = 46_000 + (process.pid % 1_000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), SIMULATOR_PORT: '0', DEMO_BOOKS: '300', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    for (let attempt = 0; attempt < 300 && !output.includes('Folio is ready'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(output).toContain(`http://localhost:${port}/graphql`);
    expect(output).toMatch(/Demo data ready: 3\d\d books/);
    expect(output).toMatch(/Partner bookstores: 50 stores at http:\/\/127\.0\.0\.1:\d+ \(simulator, in-process\)/);

    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ book(isbn: "0-306-40615-2") { title offers(maxAgeSeconds: 0) { store { slug } total { amount } } } searchBooks(first: 1) { totalCount } }',
      }),
    });
    const body = await response.json();
    expect(body.data.book.title).toBe('Pride and Prejudice');
    expect(body.data.book.offers.length).toBeGreaterThan(0);
    expect(body.data.searchBooks.totalCount).toBeGreaterThanOrEqual(300);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toMatch(/SIGINT: stopping Folio .* stopped in \d+\.\d s\./);
  });
});
