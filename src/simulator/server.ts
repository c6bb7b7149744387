import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { addWorkingDays } from '../lib/calendar.js';
import { tryParseIsbn } from '../lib/isbn.js';
import { Random } from '../seed/random.js';
import { handleAdmin } from './admin.js';
import { ChangeLog } from './change-log.js';
import { badRequest, HttpError, isbnOf, readJson, send } from './http.js';
import { PriceBook } from './prices.js';
import { generateStores, hashUnit, inOutage, MAX_BATCH, publicProfile, shippingCents, type StoreProfile } from './stores.js';
import { BookWorld } from './world.js';

export interface SimulatorOptions {
  seed?: number;
  stores?: number;
  /** How long each order status lasts before the next (PLACED → PROCESSING → SHIPPED → DELIVERED). */
  orderStepMs?: number;
}

export interface StoreState {
  profile: StoreProfile;
  tokens: number;
  refilledAt: number;
  stats: { requests: number; throttled: number; errors: number; orders: number };
}

type OrderStatus = 'PLACED' | 'PROCESSING' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';

interface Order {
  id: string;
  store: string;
  reference: string;
  isbn13: string;
  quantity: number;
  unitPriceCents: number;
  shippingCents: number;
  placedAt: number;
  cancelledAt: number | null;
  shippingAddress: Record<string, unknown> | null;
}

const STATUSES: OrderStatus[] = ['PLACED', 'PROCESSING', 'SHIPPED', 'DELIVERED'];
/** How often the network moves its clock on when nobody asks, so the change log keeps up with time. */
const TICK_MS = 1_000;

/**
 * The partner bookstore network: one HTTP server playing N stores, deterministic for a seed. Partner
 * endpoints live under /stores/:slug; /admin lets tests and demos change the stores' behaviour.
 */
export class Simulator {
  readonly seed: number;
  private readonly storeCount: number;
  private readonly orderStepMs: number;
  private stores = new Map<string, StoreState>();
  readonly world: BookWorld;
  readonly log = new ChangeLog();
  prices: PriceBook;
  private readonly ticker: NodeJS.Timeout;
  private orders = new Map<string, Order>();
  private ordersByReference = new Map<string, Order>();
  private random: Random;
  private orderSequence = 0;

  constructor(options: SimulatorOptions = {}) {
    this.seed = options.seed ?? 20261124;
    this.storeCount = Math.min(200, Math.max(1, options.stores ?? 50));
    this.orderStepMs = options.orderStepMs ?? 30_000;
    this.world = new BookWorld(this.seed);
    this.prices = new PriceBook(this.seed, Date.now(), this.world, this.log);
    this.random = new Random(this.seed);
    this.reset();
    this.ticker = setInterval(() => this.prices.advance(), TICK_MS);
    this.ticker.unref();
  }

  stop(): void {
    clearInterval(this.ticker);
  }

  reset(): void {
    const now = Date.now();
    this.stores = new Map(
      generateStores(this.seed, this.storeCount).map((profile) => [
        profile.slug,
        { profile, tokens: profile.burst, refilledAt: now, stats: { requests: 0, throttled: 0, errors: 0, orders: 0 } },
      ]),
    );
    this.world.clear();
    this.log.clear();
    this.prices = new PriceBook(this.seed, now, this.world, this.log);
    this.orders.clear();
    this.ordersByReference.clear();
    this.random = new Random(this.seed);
  }

  profiles(): StoreProfile[] {
    return [...this.stores.values()].map((state) => state.profile);
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? '/', 'http://simulator');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const body = request.method === 'GET' ? undefined : await readJson(request);
      const result =
        parts[0] === 'admin'
          ? handleAdmin(this, request.method ?? 'GET', parts.slice(1), body, url.searchParams)
          : await this.partner(request.method ?? 'GET', parts, body, url.searchParams);
      send(response, result.status ?? 200, result.body);
    } catch (error) {
      if (error instanceof HttpError) send(response, error.status, error.body, error.headers);
      else send(response, 500, { error: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async partner(method: string, parts: string[], body: unknown, query: URLSearchParams): Promise<{ status?: number; body: unknown }> {
    if (parts[0] !== 'stores') throw new HttpError(404, { error: 'NOT_FOUND' });
    if (parts.length === 1 && method === 'GET') return { body: { stores: this.profiles().map(publicProfile) } };
    const state = this.storeState(parts[1]);
    await this.gate(state);
    const [, , resource, id, action] = parts;
    if (!resource && method === 'GET') return { body: publicProfile(state.profile) };
    if (resource === 'books' && id && method === 'GET') return { body: this.quote(state.profile, isbnOf(id)) };
    if (resource === 'prices' && method === 'POST') return { body: this.batchQuote(state.profile, body) };
    if (resource === 'orders' && !id && method === 'POST') return this.placeOrder(state, body);
    if (resource === 'orders' && !id && method === 'GET') return { body: this.orderByReference(state, query.get('reference')) };
    if (resource === 'orders' && id && !action && method === 'GET') return { body: this.orderView(this.order(state, id)) };
    if (resource === 'orders' && id && action === 'cancel' && method === 'POST') return { body: this.cancel(this.order(state, id)) };
    throw new HttpError(404, { error: 'NOT_FOUND' });
  }

  /** What every partner call goes through, in the order a real API applies it. */
  private async gate(state: StoreState): Promise<void> {
    state.stats.requests++;
    if (inOutage(state.profile, new Date())) throw new HttpError(503, { error: 'STORE_UNAVAILABLE' });
    this.refill(state);
    if (state.tokens < 1) {
      state.stats.throttled++;
      const retryAfter = Math.max(1, Math.ceil((1 - state.tokens) / state.profile.rateLimitPerSecond));
      throw new HttpError(429, { error: 'RATE_LIMITED', retryAfterSeconds: retryAfter }, { 'retry-after': String(retryAfter) });
    }
    state.tokens -= 1;
    const delay = this.random.logNormal(state.profile.latencyMs, state.profile.latencySigma);
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, 60_000)));
    if (state.profile.failNext > 0 || this.random.chance(state.profile.errorRate)) {
      state.profile.failNext = Math.max(0, state.profile.failNext - 1);
      state.stats.errors++;
      throw new HttpError(500, { error: 'INTERNAL', message: 'simulated failure' });
    }
  }

  refill(state: StoreState): void {
    const now = Date.now();
    const rate = state.profile.rateLimitPerSecond;
    state.tokens = Math.min(state.profile.burst, state.tokens + ((now - state.refilledAt) / 1000) * rate);
    state.refilledAt = now;
  }

  private quote(store: StoreProfile, isbn13: string) {
    const quote = this.prices.quote(store, isbn13);
    if (!quote) throw new HttpError(404, { error: 'NOT_CARRIED', isbn13 });
    return {
      isbn13,
      currency: 'USD',
      ...quote,
      shippingCents: shippingCents(store, quote.priceCents),
      quotedAt: new Date().toISOString(),
      book: this.world.metadata(isbn13),
    };
  }

  private batchQuote(store: StoreProfile, body: unknown) {
    if (!store.supportsBatch) throw new HttpError(404, { error: 'BATCH_NOT_SUPPORTED' });
    const isbns = (body as { isbns?: unknown })?.isbns;
    if (!Array.isArray(isbns) || isbns.length === 0 || isbns.length > MAX_BATCH) {
      throw badRequest(`isbns must be an array of 1 to ${MAX_BATCH} ISBNs`);
    }
    return {
      prices: isbns.map((raw) => {
        const isbn13 = typeof raw === 'string' ? tryParseIsbn(raw) : null;
        if (!isbn13) return { isbn13: raw, error: 'INVALID_ISBN' };
        const quote = this.prices.quote(store, isbn13);
        return quote
          ? { isbn13, currency: 'USD', ...quote, shippingCents: shippingCents(store, quote.priceCents), book: this.world.metadata(isbn13) }
          : { isbn13, error: 'NOT_CARRIED' };
      }),
    };
  }

  /** Refuses an order whose expected price is no longer current; the same reference twice is one order. */
  private placeOrder(state: StoreState, body: unknown): { status: number; body: unknown } {
    const input = parseOrder(body);
    const key = `${state.profile.slug}/${input.reference}`;
    const existing = this.ordersByReference.get(key);
    if (existing) return { status: 200, body: this.orderView(existing) };
    const quote = this.quote(state.profile, input.isbn13);
    if (!quote.inStock) throw new HttpError(422, { error: 'OUT_OF_STOCK', isbn13: input.isbn13 });
    if (quote.priceCents !== input.expectedPriceCents) {
      throw new HttpError(409, { error: 'PRICE_CHANGED', currentPriceCents: quote.priceCents, expectedPriceCents: input.expectedPriceCents });
    }
    const order: Order = {
      id: `${state.profile.slug}-${++this.orderSequence}`,
      store: state.profile.slug,
      reference: input.reference,
      isbn13: input.isbn13,
      quantity: input.quantity,
      unitPriceCents: quote.priceCents,
      shippingCents: shippingCents(state.profile, quote.priceCents * input.quantity),
      placedAt: Date.now(),
      cancelledAt: null,
      shippingAddress: input.shippingAddress,
    };
    this.orders.set(order.id, order);
    this.ordersByReference.set(key, order);
    state.stats.orders++;
    return { status: 201, body: this.orderView(order) };
  }

  /** Finds the order placed with Folio's reference, so a caller unsure whether its order went through can look. */
  private orderByReference(state: StoreState, reference: string | null) {
    if (!reference) throw badRequest('reference is required');
    const order = this.ordersByReference.get(`${state.profile.slug}/${reference}`);
    if (!order) throw new HttpError(404, { error: 'ORDER_NOT_FOUND', reference });
    return this.orderView(order);
  }

  private order(state: StoreState, id: string): Order {
    const order = this.orders.get(id);
    if (!order || order.store !== state.profile.slug) throw new HttpError(404, { error: 'ORDER_NOT_FOUND', orderId: id });
    return order;
  }

  private status(order: Order): OrderStatus {
    if (order.cancelledAt !== null) return 'CANCELLED';
    const steps = Math.floor((Date.now() - order.placedAt) / this.orderStepMs);
    return STATUSES[Math.min(STATUSES.length - 1, steps)]!;
  }

  private cancel(order: Order) {
    const status = this.status(order);
    if (status === 'SHIPPED' || status === 'DELIVERED') throw new HttpError(409, { error: 'ALREADY_SHIPPED', status });
    if (order.cancelledAt === null) order.cancelledAt = Date.now();
    return this.orderView(order);
  }

  private orderView(order: Order) {
    const status = this.status(order);
    const profile = this.storeState(order.store).profile;
    return {
      orderId: order.id,
      reference: order.reference,
      isbn13: order.isbn13,
      quantity: order.quantity,
      unitPriceCents: order.unitPriceCents,
      shippingCents: order.shippingCents,
      totalCents: order.unitPriceCents * order.quantity + order.shippingCents,
      status,
      placedAt: new Date(order.placedAt).toISOString(),
      shippingAddress: order.shippingAddress,
      carrier: profile.carrier,
      trackingNumber: status === 'SHIPPED' || status === 'DELIVERED' ? trackingNumber(profile.carrier, order.id) : null,
      estimatedDelivery: addWorkingDays(new Date(order.placedAt), profile.deliveryDays),
    };
  }

  storeState(slug: string | undefined): StoreState {
    const state = slug ? this.stores.get(slug) : undefined;
    if (!state) throw new HttpError(404, { error: 'STORE_NOT_FOUND', slug });
    return state;
  }
}

function parseOrder(body: unknown): {
  isbn13: string;
  quantity: number;
  expectedPriceCents: number;
  reference: string;
  shippingAddress: Record<string, unknown> | null;
} {
  const input = (body ?? {}) as Record<string, unknown>;
  const isbn13 = typeof input.isbn13 === 'string' ? tryParseIsbn(input.isbn13) : null;
  const quantity = input.quantity ?? 1;
  if (!isbn13) throw new HttpError(400, { error: 'BAD_REQUEST', message: 'isbn13 must be a valid ISBN' });
  if (!Number.isSafeInteger(quantity) || (quantity as number) < 1 || (quantity as number) > 100) {
    throw new HttpError(400, { error: 'BAD_REQUEST', message: 'quantity must be an integer from 1 to 100' });
  }
  if (!Number.isSafeInteger(input.expectedPriceCents)) throw new HttpError(400, { error: 'BAD_REQUEST', message: 'expectedPriceCents is required' });
  if (typeof input.reference !== 'string' || input.reference.length < 1 || input.reference.length > 200) {
    throw new HttpError(400, { error: 'BAD_REQUEST', message: 'reference (your order id, for idempotency) is required' });
  }
  const address = input.shippingAddress ?? null;
  if (address !== null && (typeof address !== 'object' || Array.isArray(address)))
    throw new HttpError(400, { error: 'BAD_REQUEST', message: 'shippingAddress must be an object' });
  return {
    isbn13,
    quantity: quantity as number,
    expectedPriceCents: input.expectedPriceCents as number,
    reference: input.reference,
    shippingAddress: address as Record<string, unknown> | null,
  };
}

export interface RunningSimulator {
  simulator: Simulator;
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions & { port?: number; host?: string } = {}): Promise<RunningSimulator> {
  const simulator = new Simulator(options);
  const server = createServer((request, response) => void simulator.handle(request, response));
  server.keepAliveTimeout = 65_000;
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    simulator,
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        simulator.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A tracking number in the carrier's usual shape, fixed by the order. */
function trackingNumber(carrier: string, orderId: string): string {
  const digits = String(Math.floor(hashUnit('tracking', orderId) * 1e12)).padStart(12, '0');
  return carrier === 'UPS'
    ? `1Z${digits.slice(0, 6).toUpperCase()}03${digits}`
    : carrier === 'USPS'
      ? `9400${digits}${digits.slice(0, 6)}`
      : `${carrier.slice(0, 2).toUpperCase()}${digits}`;
}
