import type { BookRow } from '../resolvers/catalog/catalog-repository.js';

/**
 * How a search matches text: full-text with a prefix on the last word (TEXT), the same with misspelled
 * words corrected (CORRECTED), trigram similarity of whole titles and authors (FUZZY), or none (BROWSE).
 */
export type MatchMode = 'TEXT' | 'CORRECTED' | 'FUZZY' | 'BROWSE';
export type BookSort = 'RELEVANCE' | 'PRICE_ASC' | 'PRICE_DESC' | 'NEWEST' | 'TITLE';

export interface BookFilter {
  categoryIds?: readonly number[] | null;
  authorIds?: readonly number[] | null;
  languages?: readonly string[] | null;
  minPriceCents?: number | null;
  maxPriceCents?: number | null;
  inStockOnly?: boolean | null;
  yearFrom?: number | null;
  yearTo?: number | null;
}

export interface TextQuery {
  /** Lower-cased words, letters and digits only: safe to quote into a tsquery. */
  words: string[];
  /** The query as typed, whitespace collapsed and lower-cased: compared with titles for exact matches. */
  phrase: string;
}

const MAX_QUERY_LENGTH = 200;
const MAX_WORDS = 12;

export function textQueryOf(words: string[]): TextQuery {
  return { words, phrase: words.join(' ') };
}

export function parseTextQuery(input: string | null | undefined): TextQuery | null {
  const phrase = (input ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase().slice(0, MAX_QUERY_LENGTH);
  const words = (phrase.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
  return words.length ? { words, phrase } : null;
}

export interface PriceBucket {
  value: string;
  label: string;
  min: number;
  max: number | null;
}

export const PRICE_BUCKETS: PriceBucket[] = [
  { value: '0-999', label: 'Under $10', min: 0, max: 999 },
  { value: '1000-1999', label: '$10 to $20', min: 1000, max: 1999 },
  { value: '2000-2999', label: '$20 to $30', min: 2000, max: 2999 },
  { value: '3000-4999', label: '$30 to $50', min: 3000, max: 4999 },
  { value: '5000-', label: '$50 and over', min: 5000, max: null },
];

/**
 * Where a row sits in a result order, for cursors. Relevance order read from PostgreSQL has two tiers:
 * RANKED (the most popular matches plus exact title matches, ordered by relevance) and then POPULAR
 * (every other match, by popularity). The in-process index scores every match (SCORED). Other sorts
 * have one order, the same in both.
 */
export interface RowKey {
  tier: 'RANKED' | 'POPULAR' | 'SCORED' | null;
  value: unknown;
  id: number;
}

export interface PageRow {
  book: BookRow;
  key: RowKey;
}
