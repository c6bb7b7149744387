import { createClient } from 'graphql-ws';
import { type Kysely, sql } from 'kysely';
import pLimit from 'p-limit';
import WebSocket from 'ws';
import { createDatabase } from '../src/db/connect.js';
import type { Database } from '../src/db/database.js';
import { recordObservations } from '../src/resolvers/pricing/offer-repository.js';
import { startSimulator } from '../src/simulator/server.js';
import { type LoadResult, summarize } from './lib/load.js';
import { startServer, stopServer } from './lib/processes.js';
import { catalogueDescription, machineDescription, resultTable, writeSection } from './lib/report.js';

export interface AlertBenchOptions {
  databaseUrl: string;
  stores: number;
}

const PORT = 4508;
const ALERT_BOOKS = 10_000;
const ALERTS_PER_BOOK = 10;
const OWNERS = 1_000;
/** Probes per phase; the watcher owns one alert on each probe book (two phases, distinct books). */
const PROBES = 200;
const BASELINE_ALERTS = 1_000;
const THRESHOLD_CENTS = 100;
const LOW_CENTS = 50;
const NORMAL_CENTS = 2_000;
const WRITERS = 8;
const EVENT_TIMEOUT_MS = 10_000;

type Db = Kysely<Database>;

/**
 * Price-drop alerts with 100,000 of them active (10 on each of the 10,000 most popular books, rule BELOW):
 * (1) the time from a price change being committed — by the same recordObservations a refresh uses —
 * to the owner's `priceDropped` subscription receiving it over WebSocket, one change at a time; first
 * with 1,000 alerts active as the baseline, then with all 100,000; (2) evaluation throughput: a wave of
 * 10,000 price drops (each firing 10 alerts) and a wave of 10,000 recoveries (each re-arming 10).
 */
export async function runAlertBench(options: AlertBenchOptions): Promise<void> {
  const simulator = await startSimulator({ stores: options.stores, seed: 20261124 });
  const { db, pool } = createDatabase({ connectionString: options.databaseUrl, poolSize: WRITERS + 2 });
  const folio = await startServer(
    'src/main.ts',
    {
      DATABASE_URL: options.databaseUrl,
      SIMULATOR_URL: simulator.url,
      REFRESH_CONCURRENCY: '0',
    },
    PORT,
  );
  try {
    const url = `http://127.0.0.1:${PORT}/graphql`;
    const watcher = await signUp(url, db);
    const storeId = await benchStore(db);
    const books = await seedAlerts(db, watcher.userId, storeId);
    const probeBooks = books.slice(0, 2 * PROBES);
    const listener = await listen(url, watcher.token);
    try {
      await activeAlerts(db, BASELINE_ALERTS);
      const baseline = await probe(
        db,
        listener,
        storeId,
        probeBooks.slice(0, PROBES),
        `price change → subscriber, ${BASELINE_ALERTS.toLocaleString('en-US')} alerts active (baseline)`,
      );
      const total = await activeAlerts(db, null);
      const full = await probe(db, listener, storeId, probeBooks.slice(PROBES), `price change → subscriber, ${total.toLocaleString('en-US')} alerts active`);
      const drops = await wave(db, pool, storeId, books, LOW_CENTS);
      const recoveries = await wave(db, pool, storeId, books, NORMAL_CENTS);
      report(total, await catalogueDescription(db), [baseline, full], drops, recoveries);
    } finally {
      await listener.close();
    }
  } finally {
    await stopServer(folio);
    await db.destroy();
    await simulator.close();
  }
}

interface Listener {
  /** Resolves when the subscription hears a drop for this book. */
  next(isbn13: string): Promise<void>;
  close(): Promise<void>;
}

async function listen(url: string, token: string): Promise<Listener> {
  const waiting = new Map<string, () => void>();
  const client = createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` } });
  let subscribed!: () => void;
  const ready = new Promise<void>((resolve) => (subscribed = resolve));
  client.on('connected', () => setTimeout(subscribed, 500));
  client.subscribe<{ priceDropped: { book: { isbn13: string } } }>(
    { query: 'subscription { priceDropped { book { isbn13 } newPrice { cents } } }' },
    {
      next: (message) => {
        const isbn = message.data?.priceDropped.book.isbn13;
        if (isbn) waiting.get(isbn)?.();
      },
      error: (error) => console.error('subscription failed', error),
      complete: () => undefined,
    },
  );
  await ready;
  return {
    next: (isbn13) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no priceDropped for ${isbn13}`)), EVENT_TIMEOUT_MS);
        waiting.set(isbn13, () => {
          clearTimeout(timer);
          waiting.delete(isbn13);
          resolve();
        });
      }),
    close: () => client.dispose() as Promise<void>,
  };
}

/** One store's price for one book, recorded exactly as a refresh records it (offers, history, evaluate_alerts job). */
async function changePrice(db: Db, storeId: number, bookId: number, priceCents: number): Promise<void> {
  await db
    .transaction()
    .execute((trx) =>
      recordObservations(trx, bookId, [{ storeId, priceCents, shippingCents: 0, currency: 'USD', inStock: true, observedAt: new Date(), source: 'CRAWL' }]),
    );
}

async function probe(db: Db, listener: Listener, storeId: number, books: BenchBook[], name: string): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  for (const book of books) {
    const heard = listener.next(book.isbn13);
    heard.catch(() => undefined);
    await changePrice(db, storeId, book.id, LOW_CENTS);
    const committed = performance.now();
    try {
      await heard;
      latencies.push(performance.now() - committed);
    } catch {
      errors++;
    }
    await changePrice(db, storeId, book.id, NORMAL_CENTS); // re-arms it
  }
  return summarize(name, latencies, (performance.now() - started) / 1000, errors);
}

interface WaveResult {
  changes: number;
  writeSeconds: number;
  doneSeconds: number;
  notifications: number;
}

/** Every alert book's price changes at once (WRITERS at a time); done when the last evaluate_alerts job has run. */
async function wave(db: Db, pool: import('pg').Pool, storeId: number, books: BenchBook[], priceCents: number): Promise<WaveResult> {
  const before = await countNotifications(db);
  const limit = pLimit(WRITERS);
  const started = performance.now();
  await Promise.all(books.map((book) => limit(() => changePrice(db, storeId, book.id, priceCents))));
  const written = performance.now();
  while ((await pendingEvaluations(pool)) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  const done = performance.now();
  return {
    changes: books.length,
    writeSeconds: (written - started) / 1000,
    doneSeconds: (done - started) / 1000,
    notifications: (await countNotifications(db)) - before,
  };
}

async function pendingEvaluations(pool: import('pg').Pool): Promise<number> {
  const { rows } = await pool.query<{
    n: number;
  }>(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE t.identifier = 'evaluate_alerts'`);
  return rows[0]!.n;
}

async function countNotifications(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications`.execute(db);
  return rows[0]!.n;
}

interface BenchBook {
  id: number;
  isbn13: string;
}

/** A partner store the registry lists now: every bench price change is made there. */
async function benchStore(db: Db): Promise<number> {
  const store = await db.selectFrom('stores').select('id').where('kind', '=', 'PARTNER').where('enabled', '=', true).orderBy('id').executeTakeFirstOrThrow();
  return store.id;
}

/**
 * 1,000 owners and 10 alerts on each of the 10,000 most popular books (BELOW $1.00, armed); the watcher
 * owns one on each of the first 400 (the probes). The books' price at the bench store is $20.00 and no
 * store sells them at or under $1.00, so every alert starts quiet. Earlier runs' alerts are removed first.
 */
async function seedAlerts(db: Db, watcherId: number, storeId: number): Promise<BenchBook[]> {
  await sql`INSERT INTO users (email, password_hash)
    SELECT 'bench-alerts-' || i || '@example.com', 'no password' FROM generate_series(1, ${OWNERS}) AS i ON CONFLICT (email) DO NOTHING`.execute(db);
  const benchAlerts = sql`SELECT a.id FROM price_alerts a JOIN users u ON u.id = a.user_id WHERE u.email LIKE 'bench-%'`;
  await sql`DELETE FROM notifications WHERE alert_id IN (${benchAlerts})`.execute(db);
  await sql`DELETE FROM price_alerts WHERE id IN (${benchAlerts})`.execute(db);
  const { rows: books } = await sql<BenchBook>`SELECT id, isbn13 FROM books ORDER BY demand_score DESC, id LIMIT ${ALERT_BOOKS}`.execute(db);
  const ids = books.map((book) => book.id);
  await sql`UPDATE offers SET price_cents = ${NORMAL_CENTS} WHERE book_id = any(${ids}::bigint[]) AND price_cents + shipping_cents <= ${THRESHOLD_CENTS * 2}`.execute(
    db,
  );
  await sql`INSERT INTO offers (book_id, store_id, price_cents, shipping_cents, in_stock, fetched_at, source)
    SELECT id, ${storeId}, ${NORMAL_CENTS}, 0, true, now(), 'CRAWL' FROM unnest(${ids}::bigint[]) AS id
    ON CONFLICT (book_id, store_id) DO UPDATE SET price_cents = EXCLUDED.price_cents, shipping_cents = 0, in_stock = true, fetched_at = now()`.execute(db);
  await sql`
    INSERT INTO price_alerts (user_id, book_id, rule, threshold_cents, reference_cents, channels, armed, created_at)
    SELECT CASE WHEN b.ord <= ${2 * PROBES} AND k = 0 THEN ${watcherId}::bigint ELSE u.id END, b.id, 'BELOW', ${THRESHOLD_CENTS}, ${NORMAL_CENTS},
           '{SUBSCRIPTION}', true, now()
    FROM unnest(${ids}::bigint[]) WITH ORDINALITY AS b(id, ord)
    CROSS JOIN generate_series(0, ${ALERTS_PER_BOOK - 1}) AS k
    JOIN users u ON u.email = 'bench-alerts-' || ((b.ord * ${ALERTS_PER_BOOK} + k) % ${OWNERS} + 1) || '@example.com'`.execute(db);
  await sql`ANALYZE price_alerts`.execute(db);
  return books;
}

/** Leaves `count` bench alerts active (the watcher's among them), or all of them with null; returns how many are active. */
async function activeAlerts(db: Db, count: number | null): Promise<number> {
  await sql`UPDATE price_alerts SET deleted_at = NULL WHERE deleted_at IS NOT NULL AND user_id IN (SELECT id FROM users WHERE email LIKE 'bench-%')`.execute(
    db,
  );
  if (count !== null) {
    await sql`UPDATE price_alerts SET deleted_at = now() WHERE id IN (
      SELECT a.id FROM price_alerts a JOIN users u ON u.id = a.user_id
      WHERE u.email LIKE 'bench-alerts-%' ORDER BY a.id OFFSET ${count - 2 * PROBES})`.execute(db);
  }
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM price_alerts WHERE deleted_at IS NULL`.execute(db);
  return rows[0]!.n;
}

async function signUp(url: string, db: Db): Promise<{ token: string; userId: number }> {
  const email = `bench-watcher-${Date.now()}@example.com`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation ($email: String!) { signUp(email: $email, password: "bench password 123") { token } }', variables: { email } }),
  });
  const answer = (await response.json()) as { data: { signUp: { token: string } } };
  const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return { token: answer.data.signUp.token, userId: user.id };
}

function report(total: number, catalogue: string, latency: LoadResult[], drops: WaveResult, recoveries: WaveResult): void {
  const rate = (wave: WaveResult) => Math.round(wave.changes / wave.doneSeconds);
  const row = (name: string, wave: WaveResult) =>
    `| ${name} | ${wave.changes.toLocaleString('en-US')} | ${wave.notifications.toLocaleString('en-US')} | ${wave.writeSeconds.toFixed(1)} | ${wave.doneSeconds.toFixed(1)} | ${rate(wave).toLocaleString('en-US')} |`;
  const [baseline, full] = latency as [LoadResult, LoadResult];
  const markdown = `## Price-drop alerts

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineDescription('')}. ${total.toLocaleString('en-US')} active alerts:
${ALERTS_PER_BOOK} (rule BELOW) on each of the ${ALERT_BOOKS.toLocaleString('en-US')} most popular books, owned by ${OWNERS.toLocaleString('en-US')} shoppers, in ${catalogue}.
One Folio process (API and worker, default \`WORKER_CONCURRENCY\`; no price refreshes) and PostgreSQL on the same machine.
Price changes are committed by the benchmark through \`recordObservations\` (what every refresh runs: offer, history, rollups
and the \`evaluate_alerts\` job in one transaction).

**Latency**, one change at a time: from the commit of a price drop to the owner's \`priceDropped\` subscription receiving it
over WebSocket (job pick-up through LISTEN/NOTIFY, evaluation by index, outbox rows, pub/sub). ${PROBES} drops per row,
each on a different book; the price then recovers (re-arming the alert). Baseline: the same with ${BASELINE_ALERTS.toLocaleString('en-US')} alerts active.

${resultTable(latency, baseline)}

- p50 **${full.p50} ms**, p99 **${full.p99} ms** with ${total.toLocaleString('en-US')} alerts (target p99 under 2 s; the brief allows an hour).
  With ${BASELINE_ALERTS.toLocaleString('en-US')} alerts: p50 ${baseline.p50} ms, p99 ${baseline.p99} ms.

**Evaluation throughput**: every alert book's price changes at once (${WRITERS} writers); done when the last
\`evaluate_alerts\` job has run.

| wave | price changes | notifications written | writes done (s) | all evaluated (s) | price changes/s |
|---|---:|---:|---:|---:|---:|
${row(`drop below every alert (each change fires ${ALERTS_PER_BOOK})`, drops)}
${row(`recovery (each change re-arms ${ALERTS_PER_BOOK})`, recoveries)}
`;
  writeSection('alerts', markdown);
  console.log(markdown);
}
