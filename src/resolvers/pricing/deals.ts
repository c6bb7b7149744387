import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Database } from '../../db/database.js';
import { InvalidInputError } from '../../lib/errors.js';
import type { BookRow } from '../catalog/catalog-repository.js';
import { countDeals, type DealCursor, type DealKind, type DealRow, findDeals } from './deal-repository.js';

export type { DealKind } from './deal-repository.js';

/** A book on a deal list: the book itself (the edge's node) and why it is there. */
export type DealBook = BookRow & { deal: DealRow };

export interface DealPage {
  books: DealBook[];
  hasNextPage: boolean;
}

export interface DealsDeps {
  db: Kysely<Database>;
  catalog: { booksByIds(ids: readonly number[]): Promise<(BookRow | null)[]> };
  /** How long a page is served from memory: every visitor to the home page asks the same three. */
  cacheSeconds: number;
}

export const MAX_DEALS_PAGE = 50;

/**
 * The home page's lists: today's biggest drops, books at their 30-day low, books shoppers began
 * watching lately. Each page is one index walk, kept in memory for a short while per process.
 */
export function createDeals({ db, catalog, cacheSeconds }: DealsDeps) {
  // Zero turns the cache off (LRUCache reads a zero ttl as "forever").
  const ttl = Math.max(1, cacheSeconds * 1000);
  const cacheable = cacheSeconds > 0;
  const pages = new LRUCache<string, { rows: DealRow[]; hasNextPage: boolean }>({ max: 500, ttl });
  const counts = new LRUCache<string, number>({ max: 10, ttl });

  async function rowsOf(kind: DealKind, after: string | null, first: number) {
    const key = `${kind}|${first}|${after ?? ''}`;
    const cached = pages.get(key);
    if (cached) return cached;
    const rows = await findDeals(db, kind, after === null ? null : parseCursor(after), first + 1, today());
    const page = { rows: rows.slice(0, first), hasNextPage: rows.length > first };
    if (cacheable) pages.set(key, page);
    return page;
  }

  return {
    async page(kind: DealKind, after: string | null, first: number): Promise<DealPage> {
      if (!Number.isInteger(first) || first < 1 || first > MAX_DEALS_PAGE) {
        throw new InvalidInputError(`first must be a whole number from 1 to ${MAX_DEALS_PAGE}`, { field: 'first' });
      }
      const { rows, hasNextPage } = await rowsOf(kind, after, first);
      const books = await catalog.booksByIds(rows.map((row) => row.bookId));
      // A book deleted since the list was read is left out, not shown as a hole.
      const listed = rows.flatMap((deal, index) => (books[index] ? [{ ...books[index]!, deal }] : []));
      return { books: listed, hasNextPage };
    },

    async count(kind: DealKind): Promise<number> {
      const cached = counts.get(kind);
      if (cached !== undefined) return cached;
      const count = await countDeals(db, kind, today());
      if (cacheable) counts.set(kind, count);
      return count;
    },
  };
}

export function dealCursor(deal: DealRow): string {
  return `${deal.sortKey}:${deal.bookId}`;
}

function parseCursor(cursor: string): DealCursor {
  const match = /^(-?\d{1,16}):(\d{1,18})$/.exec(cursor);
  if (!match) throw new InvalidInputError('after is not a cursor from this list: pass a cursor from an earlier page', { field: 'after' });
  return { key: Number(match[1]), bookId: Number(match[2]) };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
