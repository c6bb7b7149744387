import { FORMATS } from '../seed/vocabulary.js';
import type { BookMetadata } from './world.js';
import { badRequest, HttpError, isbnOf } from './http.js';
import type { Simulator } from './server.js';
import { publicProfile, shippingCents, type StoreProfile } from './stores.js';

type Answer = { status?: number; body: unknown };

/** The admin API (a contract: tests, demos and benchmarks drive the network through it). */
export function handleAdmin(sim: Simulator, method: string, parts: string[], body: unknown, query: URLSearchParams): Answer {
  const [resource, slug, sub, id, action] = parts;
  if (method === 'POST' && resource === 'reset' && parts.length === 1) {
    sim.reset();
    return { body: { ok: true } };
  }
  if (method === 'GET' && resource === 'changes' && parts.length === 1) return { body: changes(sim, query) };
  if (method === 'POST' && resource === 'quotes' && parts.length === 1) return { body: groundTruthQuotes(sim, body) };
  if (resource !== 'stores') throw new HttpError(404, { error: 'NOT_FOUND' });
  if (parts.length === 1 && method === 'GET') return { body: sim.profiles().map(adminProfile) };
  const state = sim.storeState(slug);
  if (parts.length === 2 && method === 'PUT') {
    applyChanges(state.profile, body);
    sim.refill(state);
    state.tokens = Math.min(state.tokens, state.profile.burst);
    return { body: adminProfile(state.profile) };
  }
  if (sub === 'books' && id && parts.length === 4 && method === 'PUT') {
    const isbn13 = isbnOf(id);
    const change = parseBookChange(body);
    sim.world.introduce(state.profile, isbn13, change.metadata);
    return { body: { isbn13, ...sim.prices.set(state.profile, isbn13, change.priceCents, change.inStock, change.freeze), book: sim.world.metadata(isbn13) } };
  }
  if (sub === 'stats' && parts.length === 3 && method === 'GET') return { body: { slug: state.profile.slug, ...state.stats } };
  if (sub === 'stats' && id === 'reset' && !action && method === 'POST') {
    state.stats = { requests: 0, throttled: 0, errors: 0, orders: 0 };
    return { body: { slug: state.profile.slug, ...state.stats } };
  }
  throw new HttpError(404, { error: 'NOT_FOUND' });
}

/** GET /admin/changes?since=ISO&until=ISO&store=slug&isbn=…&after=SEQ&limit=N: the ground truth, oldest first. */
function changes(sim: Simulator, query: URLSearchParams) {
  sim.prices.advance();
  const limit = query.get('limit') === null ? 1_000 : Number(query.get('limit'));
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) throw badRequest('limit must be an integer from 1 to 10000');
  const after = query.get('after') === null ? undefined : Number(query.get('after'));
  if (after !== undefined && !Number.isSafeInteger(after)) throw badRequest('after must be the `next` of an earlier page');
  const store = query.get('store') ?? undefined;
  if (store !== undefined) sim.storeState(store);
  const isbn = query.get('isbn');
  const page = sim.log.page({ since: time(query, 'since'), until: time(query, 'until'), store, isbn13: isbn ? isbnOf(isbn) : undefined, after, limit });
  return {
    changes: page.changes.map((change) => ({ ...change, at: new Date(change.at).toISOString() })),
    next: page.next,
    droppedBefore: page.droppedBefore === null ? null : new Date(page.droppedBefore).toISOString(),
  };
}

/** POST /admin/quotes { isbns }: every store's current price for each book, as the stores hold it (no limits, no latency). */
function groundTruthQuotes(sim: Simulator, body: unknown) {
  const isbns = (body as { isbns?: unknown } | undefined)?.isbns;
  if (!Array.isArray(isbns) || isbns.length > 10_000 || !isbns.every((isbn) => typeof isbn === 'string')) {
    throw badRequest('isbns must be an array of at most 10000 ISBNs');
  }
  return {
    books: isbns.map((raw: string) => {
      const isbn13 = isbnOf(raw);
      const stores = sim.profiles().flatMap((profile) => {
        const quote = sim.prices.quote(profile, isbn13);
        return quote ? [{ store: profile.slug, ...quote, shippingCents: shippingCents(profile, quote.priceCents) }] : [];
      });
      return { isbn13, stores };
    }),
  };
}

function time(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) throw badRequest(`${name} must be an ISO date and time`);
  return at;
}

function adminProfile(profile: StoreProfile) {
  return {
    ...publicProfile(profile),
    latencyMs: profile.latencyMs,
    latencySigma: profile.latencySigma,
    errorRate: profile.errorRate,
    failNext: profile.failNext,
    down: profile.down,
    coverage: profile.coverage,
    outage: profile.outage,
    repricesPerDay: profile.repricesPerDay,
    changeSize: profile.changeSize,
    salesPerMonth: profile.salesPerMonth,
  };
}

function applyChanges(profile: StoreProfile, body: unknown): void {
  const changes = (body ?? {}) as Record<string, unknown>;
  const number = (key: string, min: number, max: number) => {
    const value = changes[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw badRequest(`${key} must be a number from ${min} to ${max}`);
    return value;
  };
  if (changes.down !== undefined) {
    if (typeof changes.down !== 'boolean') throw badRequest('down must be a boolean');
    profile.down = changes.down;
  }
  if (changes.outage !== undefined) profile.outage = outageOf(changes.outage);
  profile.latencyMs = number('latencyMs', 0, 120_000) ?? profile.latencyMs;
  profile.latencySigma = number('latencySigma', 0, 3) ?? profile.latencySigma;
  profile.errorRate = number('errorRate', 0, 1) ?? profile.errorRate;
  profile.failNext = number('failNext', 0, 1_000) ?? profile.failNext;
  const rate = number('rateLimitPerSecond', 0.1, 10_000);
  if (rate !== undefined) {
    profile.rateLimitPerSecond = rate;
    profile.burst = Math.max(1, rate * 2);
  }
}

/** A daily outage window ({ startMinute, minutes } after midnight UTC), or null for none. */
function outageOf(value: unknown): StoreProfile['outage'] {
  if (value === null) return null;
  const { startMinute, minutes } = (typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const whole = (n: unknown, min: number, max: number) => Number.isInteger(n) && (n as number) >= min && (n as number) <= max;
  if (!whole(startMinute, 0, 1439) || !whole(minutes, 1, 1440)) throw badRequest('outage must be null or { startMinute: 0–1439, minutes: 1–1440 }');
  return { startMinute: startMinute as number, minutes: minutes as number };
}

const TEXT_FIELDS = ['title', 'subtitle', 'publisher', 'language'] as const;

/** A price, and optionally the book's description: with a title, a book only the partners know. */
function parseBookChange(body: unknown): { priceCents: number; inStock?: boolean; freeze: boolean; metadata: Partial<BookMetadata> | null } {
  const input = (body ?? {}) as Record<string, unknown>;
  if (!Number.isSafeInteger(input.priceCents) || (input.priceCents as number) < 0) throw badRequest('priceCents must be a non-negative integer');
  if (input.inStock !== undefined && typeof input.inStock !== 'boolean') throw badRequest('inStock must be a boolean');
  const metadata: Partial<BookMetadata> = {};
  for (const field of TEXT_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '' || value.length > 500)
      throw badRequest(`${field} must be a non-empty string of at most 500 characters`);
    metadata[field] = value.trim();
  }
  if (input.authors !== undefined) {
    if (!Array.isArray(input.authors) || input.authors.length === 0 || !input.authors.every((name) => typeof name === 'string' && name.trim() !== '')) {
      throw badRequest('authors must be a non-empty array of names');
    }
    metadata.authors = input.authors.map((name: string) => name.trim());
  }
  if (input.year !== undefined) {
    if (!Number.isSafeInteger(input.year) || (input.year as number) < 1450 || (input.year as number) > 2100)
      throw badRequest('year must be an integer from 1450 to 2100');
    metadata.year = input.year as number;
  }
  if (input.format !== undefined) {
    if (!FORMATS.includes(input.format as never)) throw badRequest(`format must be one of ${FORMATS.join(', ')}`);
    metadata.format = input.format as BookMetadata['format'];
  }
  return {
    priceCents: input.priceCents as number,
    inStock: input.inStock as boolean | undefined,
    freeze: input.freeze === true,
    metadata: Object.keys(metadata).length > 0 ? metadata : null,
  };
}
