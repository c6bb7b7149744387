import { type PartnerAdapter, PartnerError, type PartnerOrder, type PartnerQuote, type PlaceOrderInput, type PlaceOrderResult } from './adapter.js';

/** A partner reached over HTTP at `baseUrl` (the simulator's /stores/:slug, or a real partner's API). */
export class HttpPartnerAdapter implements PartnerAdapter {
  constructor(private readonly baseUrl: string) {}

  async getPrice(isbn13: string, signal: AbortSignal): Promise<PartnerQuote | null> {
    const response = await this.request('GET', `/books/${isbn13}`, undefined, signal);
    if (response.status === 404) return null;
    return quoteFrom(await this.json(response));
  }

  async getPrices(isbns: readonly string[], signal: AbortSignal): Promise<Map<string, PartnerQuote>> {
    const response = await this.request('POST', '/prices', { isbns }, signal);
    if (!response.ok) throw new PartnerError('BAD_RESPONSE', `batch look-up answered ${response.status}`);
    const body = (await this.json(response)) as { prices?: unknown[] };
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
    const body = (await this.json(response)) as Record<string, unknown>;
    if (response.status === 409 && body.error === 'PRICE_CHANGED') return { status: 'PRICE_CHANGED', currentPriceCents: Number(body.currentPriceCents) };
    if (response.status === 422) return { status: 'OUT_OF_STOCK' };
    if (!response.ok) throw new PartnerError('BAD_RESPONSE', `order answered ${response.status}`);
    return { status: 'PLACED', order: orderFrom(body) };
  }

  async getOrder(orderId: string, signal: AbortSignal): Promise<PartnerOrder> {
    const response = await this.request('GET', `/orders/${encodeURIComponent(orderId)}`, undefined, signal);
    if (!response.ok) throw new PartnerError('BAD_RESPONSE', `order status answered ${response.status}`);
    return orderFrom(await this.json(response));
  }

  /** Maps transport failures and throttling to PartnerError; other statuses are the caller's to read. */
  private async request(method: string, path: string, body: unknown, signal: AbortSignal): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        signal,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (signal.aborted) throw new PartnerError('TIMEOUT', 'partner did not answer in time');
      throw new PartnerError('NETWORK', error instanceof Error ? error.message : 'network error');
    }
    if (response.status === 429) {
      await response.body?.cancel();
      const seconds = Number(response.headers.get('retry-after'));
      throw new PartnerError('RATE_LIMITED', 'partner rate limit reached', Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000);
    }
    if (response.status === 503) {
      await response.body?.cancel();
      throw new PartnerError('UNAVAILABLE', 'partner unavailable');
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new PartnerError('SERVER_ERROR', `partner answered ${response.status}`);
    }
    return response;
  }

  private async json(response: Response): Promise<unknown> {
    try {
      return await response.json();
    } catch {
      throw new PartnerError('BAD_RESPONSE', 'partner sent invalid JSON');
    }
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
  };
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
  };
}
