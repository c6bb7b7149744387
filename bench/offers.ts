import pg from 'pg';
import { startSimulator } from '../src/simulator/server.js';
import { runLoad } from './lib/load.js';
import { startServer, stopServer } from './lib/processes.js';
import { machineDescription, resultTable, writeSection } from './lib/report.js';

export interface OffersBenchOptions {
  databaseUrl: string;
  stores: number;
  durationMs: number;
  concurrency: number;
}

const CACHED_PORT = 4504;
const UNCACHED_PORT = 4505;

const OFFERS_QUERY = `query HotBook($isbn: String!) {
  book(isbn: $isbn) { title offers { store { name } price { amount } shipping { amount } total { amount } inStock ageSeconds } }
}`;

/**
 * `Book.offers` for one hot book, as every shopper opening its page asks for it: served through the
 * cache tiers, and with the cache turned off (every request reads Postgres). Same data, same process set-up.
 */
export async function runOffersBench(options: OffersBenchOptions): Promise<void> {
  const simulator = await startSimulator({ stores: options.stores, seed: 20261124 });
  const isbn = await hotBook(options.databaseUrl);
  const environment = {
    DATABASE_URL: options.databaseUrl,
    SIMULATOR_URL: simulator.url,
    RUN_WORKER: 'false',
  };
  const body = () => JSON.stringify({ query: OFFERS_QUERY, variables: { isbn } });
  const measure = async (name: string, port: number, cache: boolean) => {
    const folio = await startServer('src/main.ts', { ...environment, OFFER_CACHE: String(cache) }, port);
    try {
      const url = `http://127.0.0.1:${port}/graphql`;
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ book(isbn: "${isbn}") { offers(maxAgeSeconds: 0) { total { amount } } } }` }),
      });
      await runLoad({ name: 'warm-up', url, concurrency: options.concurrency, durationMs: 3_000, body });
      return await runLoad({ name, url, concurrency: options.concurrency, durationMs: options.durationMs, body });
    } finally {
      await stopServer(folio);
    }
  };
  try {
    const cached = await measure('`Book.offers`, hot book, cache tiers on (in-process LRU)', CACHED_PORT, true);
    const uncached = await measure('`Book.offers`, hot book, every read from Postgres', UNCACHED_PORT, false);
    const offerCount = await countOffers(options.databaseUrl, isbn);
    writeSection(
      'offers',
      `## Reading a hot book's offers

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineDescription('')}. One book (the most in demand,
${offerCount} store offers after a live look-up across ${options.stores} simulated stores), ${options.concurrency} requests in flight for
${options.durationMs / 1000} s, the same query each time (title, and every offer with its store, price, shipping, total, stock and age).
The baseline is the same process with \`OFFER_CACHE=false\`, reading the offers from Postgres on every request.

${resultTable([uncached, cached], uncached)}

- p95 from the cache: **${cached.p95} ms**; from Postgres: **${uncached.p95} ms**.
`,
    );
    console.log(resultTable([uncached, cached], uncached));
  } finally {
    await simulator.close();
  }
}

async function hotBook(url: string): Promise<string> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const { rows } = await pool.query<{ isbn13: string }>('SELECT isbn13 FROM books ORDER BY demand_score DESC, id LIMIT 1');
    return rows[0]!.isbn13;
  } finally {
    await pool.end();
  }
}

async function countOffers(url: string, isbn: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM offers o JOIN books b ON b.id = o.book_id WHERE b.isbn13 = $1', [isbn]);
    return rows[0]!.n;
  } finally {
    await pool.end();
  }
}
