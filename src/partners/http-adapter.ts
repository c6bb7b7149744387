import { Agent, request } from 'undici';
import { inSpan } from '../lib/tracing.js';
import {
  type PartnerAdapter,
  type PartnerBookDescription,
  PartnerError,
  type PartnerOrder,
  type PartnerQuote,
  type PlaceOrderInput,
  type PlaceOrderResult,
} from './adapter.js';

/**
 * One keep-alive connection pool per partner host for the whole process. undici's request API costs a
 * fraction of fetch's CPU and garbage, which matters at a thousand partner calls a second.
 */
const partnerAgent = new Agent({ keepAliveTimeout: 30_000, connect: { timeout: 5_000 } });

interface PartnerResponse {
  status: number;
  json(): Promise<unknown>;
  /** Reads and drops the body, so the connection goes back to the pool. */
  discard(): Promise<void>;
}

/** A partner reached over HTTP at `baseUrl` (the simulator's /stores/:slug, or a real partner's API). */
export class HttpPartnerAdapter implements PartnerAdapter {
  constructor(private readonly baseUrl: string) {}

  async getPrice(isbn13: string, signal: AbortSignal): Promise<PartnerQuote | null> {
    const response = await this.request('GET', `/books/${isbn13}`, undefined, signal);
    if (response.status === 404) {
      await response.discard();
      return null;
    }
    return quoteFrom(await response.json());
  }

  async getPrices(isbns: readonly string[], signal: AbortSignal): Promise<Map<string, PartnerQuote>> {
    const response = await this.request('POST', '/prices', { isbns }, signal);
    if (response.status !== 200) {
      await response.discard();
      throw new PartnerError('BAD_RESPONSE', `batch look-up answered ${response.status}`);
    }
    const body = (await response.json()) as { prices?: unknown[] };
    const quotes = new Map<string, PartnerQuote>();
    for (const entry of body.prices ?? []) {
      if (entry && typeof entry === 'object' && !('error' in entry)) {
        const quote = quoteFrom(entry);
        quotes.set(quote.isbn13, quote);
      }
    }
    return quotes;
  }

  async placeOrder(input: PlaceOrderInput, signal: AbortSignal): Promise<PlaceOrderResult> {
    const response = await this.request('POST', '/orders', input, signal);
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status === 409 && body.error === 'PRICE_CHANGED') return { status: 'PRICE_CHANGED', currentPriceCents: Number(body.currentPriceCents) };
    if (response.status === 422) return { status: 'OUT_OF_STOCK' };
    if (response.status >= 300) throw new PartnerError('BAD_RESPONSE', `order answered ${response.status}`);
    return { status: 'PLACED', order: orderFrom(body) };
  }

  async getOrder(orderId: string, signal: AbortSignal): Promise<PartnerOrder> {
    return orderIn(await this.request('GET', `/orders/${encodeURIComponent(orderId)}`, undefined, signal), 'order status');
  }

  async findOrder(reference: string, signal: AbortSignal): Promise<PartnerOrder | null> {
    const response = await this.request('GET', `/orders?reference=${encodeURIComponent(reference)}`, undefined, signal);
    return orderIn(response, 'order look-up').catch((error: unknown) => {
      if (error instanceof PartnerError && error.kind === 'NOT_FOUND') return null;
      throw error;
    });
  }

  async cancelOrder(orderId: string, signal: AbortSignal): Promise<PartnerOrder> {
    return orderIn(await this.request('POST', `/orders/${encodeURIComponent(orderId)}/cancel`, {}, signal), 'order cancel');
  }

  /** Maps transport failures and throttling to PartnerError; other statuses are the caller's to read. */
  private request(method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal): Promise<PartnerResponse> {
    const describe = () => ({
      name: `partner ${method} ${path.replace(/\/\d{10,13}|\?.*$/g, '/:id').replace(/\/orders\/[^/]+/, '/orders/:id')}`,
      attributes: { 'http.request.method': method, 'url.full': `${this.baseUrl}${path}`, 'partner.url': this.baseUrl },
    });
    return inSpan(describe, () => this.send(method, path, body, signal));
  }

  private async send(method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal): Promise<PartnerResponse> {
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(`${this.baseUrl}${path}`, {
        method,
        signal,
        dispatcher: partnerAgent,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (signal.aborted) throw new PartnerError('TIMEOUT', 'partner did not answer in time');
      throw new PartnerError('NETWORK', error instanceof Error ? error.message : 'network error');
    }
    const status = response.statusCode;
    if (status === 429 || status >= 500) {
      await response.body.dump().catch(() => {});
      if (status === 429) {
        const seconds = Number(response.headers['retry-after']);
        throw new PartnerError('RATE_LIMITED', 'partner rate limit reached', Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000);
      }
      if (status === 503) throw new PartnerError('UNAVAILABLE', 'partner unavailable');
      throw new PartnerError('SERVER_ERROR', `partner answered ${status}`);
    }
    return {
      status,
      discard: () => response.body.dump().catch(() => {}),
      json: async () => {
        try {
          return await response.body.json();
        } catch {
          if (signal.aborted) throw new PartnerError('TIMEOUT', 'partner did not answer in time');
          throw new PartnerError('BAD_RESPONSE', 'partner sent invalid JSON');
        }
      },
    };
  }
}

function quoteFrom(raw: unknown): PartnerQuote {
  const body = raw as Record<string, unknown>;
  const priceCents = Number(body.priceCents);
  if (typeof body.isbn13 !== 'string' || !Number.isSafeInteger(priceCents) || priceCents < 0) {
    throw new PartnerError('BAD_RESPONSE', 'partner quote is malformed');
  }
  return {
    isbn13: body.isbn13,
    priceCents,
    shippingCents: Number.isSafeInteger(body.shippingCents) ? (body.shippingCents as number) : 0,
    currency: typeof body.currency === 'string' ? body.currency : 'USD',
    inStock: body.inStock !== false,
    book: descriptionFrom(body.book),
  };
}

/** The store's description of the book; parts of the wrong type are left out, no title means none at all. */
function descriptionFrom(raw: unknown): PartnerBookDescription | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const book = raw as Record<string, unknown>;
  const title = text(book.title);
  if (!title) return undefined;
  return {
    title,
    subtitle: text(book.subtitle),
    authors: Array.isArray(book.authors) ? book.authors.map(text).filter((name): name is string => name !== null) : [],
    publisher: text(book.publisher),
    year: Number.isSafeInteger(book.year) ? (book.year as number) : null,
    language: text(book.language),
    format: text(book.format),
  };
}

/** The order an answer carries; 404 (the store has no such order) is NOT_FOUND, any other failure BAD_RESPONSE. */
async function orderIn(response: PartnerResponse, call: string): Promise<PartnerOrder> {
  if (response.status < 300) return orderFrom(await response.json());
  await response.discard();
  if (response.status === 404) throw new PartnerError('NOT_FOUND', `${call}: the store has no such order`);
  throw new PartnerError('BAD_RESPONSE', `${call} answered ${response.status}`);
}

function orderFrom(raw: unknown): PartnerOrder {
  const body = raw as Record<string, unknown>;
  return {
    orderId: String(body.orderId),
    reference: String(body.reference),
    status: body.status as PartnerOrder['status'],
    unitPriceCents: Number(body.unitPriceCents),
    shippingCents: Number(body.shippingCents),
    totalCents: Number(body.totalCents),
    carrier: text(body.carrier),
    trackingNumber: text(body.trackingNumber),
    estimatedDelivery: typeof body.estimatedDelivery === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body.estimatedDelivery) ? body.estimatedDelivery : null,
  };
}

/** A non-empty string from a partner's answer, trimmed; anything else is left out. */
function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
