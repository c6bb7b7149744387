import type { PriceChange } from './change-log.js';

/** One store's price for a book as the store holds it now. */
export interface StoreQuote {
  store: string;
  priceCents: number;
  shippingCents: number;
  inStock: boolean;
}

/** A change as the network's admin API reports it (`at` parsed). */
export type ReportedChange = Omit<PriceChange, 'at'> & { at: Date };

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Every store's current price for each book (POST /admin/quotes), in pieces the API accepts. */
export async function currentQuotes(simulatorUrl: string, isbns: string[]): Promise<Map<string, StoreQuote[]>> {
  const quotes = new Map<string, StoreQuote[]>();
  for (let start = 0; start < isbns.length; start += 1_000) {
    const { books } = await call<{ books: { isbn13: string; stores: StoreQuote[] }[] }>(`${simulatorUrl}/admin/quotes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ isbns: isbns.slice(start, start + 1_000) }),
    });
    for (const book of books) quotes.set(book.isbn13, book.stores);
  }
  return quotes;
}

/** Every change the stores made in [since, until), oldest first, read page by page. */
export async function changesBetween(
  simulatorUrl: string,
  since: Date,
  until: Date,
  filter: { store?: string; isbn13?: string } = {},
): Promise<ReportedChange[]> {
  const changes: ReportedChange[] = [];
  let after: number | null = null;
  do {
    const query = new URLSearchParams({ since: since.toISOString(), until: until.toISOString(), limit: '10000' });
    if (after !== null) query.set('after', String(after));
    if (filter.store) query.set('store', filter.store);
    if (filter.isbn13) query.set('isbn', filter.isbn13);
    const page: { changes: (Omit<ReportedChange, 'at'> & { at: string })[]; next: number | null } = await call(`${simulatorUrl}/admin/changes?${query}`);
    for (const change of page.changes) changes.push({ ...change, at: new Date(change.at) });
    after = page.next;
  } while (after !== null);
  return changes;
}
