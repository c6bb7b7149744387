import { type RawBuilder, sql } from 'kysely';

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

/** All words must match; the last one as a prefix, so "harry pott" finds "Harry Potter" while typing. */
function tsQueryText(query: TextQuery): string {
  return query.words.map((word, index) => `'${word}'${index === query.words.length - 1 ? ':*' : ''}`).join(' & ');
}

export function matchCondition(mode: MatchMode, query: TextQuery | null): RawBuilder<boolean> {
  if (mode === 'BROWSE' || !query) return sql<boolean>`true`;
  if (mode === 'TEXT' || mode === 'CORRECTED') return sql<boolean>`b.search @@ to_tsquery('simple', ${tsQueryText(query)})`;
  // A union, not an OR, so each branch uses its own trigram index instead of scanning every book.
  return sql<boolean>`b.id IN (
    SELECT t.id FROM books t WHERE ${query.phrase} <% t.title
    UNION
    SELECT ba.book_id FROM book_authors ba JOIN authors a ON a.id = ba.author_id WHERE ${query.phrase} <% a.name)`;
}

/** A number per row: exact title matches first, then text rank, then popularity as the tie-breaker. */
function relevance(mode: MatchMode, query: TextQuery | null): RawBuilder<number> {
  if (mode === 'BROWSE' || !query) return sql<number>`b.demand_score`;
  if (mode === 'TEXT' || mode === 'CORRECTED') {
    return sql<number>`((CASE WHEN lower(b.title) = ${query.phrase} THEN 1000 ELSE 0 END)
      + ts_rank('{0.1, 0.2, 0.4, 1.0}', b.search, to_tsquery('simple', ${tsQueryText(query)})) * 100
      + ln(1 + b.demand_score))::float8`;
  }
  return sql<number>`(greatest(word_similarity(${query.phrase}, b.title), word_similarity(${query.phrase}, b.author_names)) * 100
      + ln(1 + b.demand_score))::float8`;
}

export interface SortKey {
  expression: RawBuilder<unknown>;
  direction: 'asc' | 'desc';
  /** SQL type of the key, so a cursor's value compares exactly as the key does. */
  type: 'float8' | 'bigint' | 'int' | 'text';
}

/** Each browse key matches an index in the catalogue migration; keep them in step. */
export function sortKey(sort: BookSort, mode: MatchMode, query: TextQuery | null): SortKey {
  switch (sort) {
    case 'RELEVANCE':
      return { expression: relevance(mode, query), direction: 'desc', type: 'float8' };
    case 'PRICE_ASC':
      return { expression: sql`coalesce(b.price_cents, 9007199254740991)`, direction: 'asc', type: 'bigint' };
    case 'PRICE_DESC':
      return { expression: sql`coalesce(b.price_cents, -1)`, direction: 'desc', type: 'bigint' };
    case 'NEWEST':
      return { expression: sql`coalesce(b.published_year, 0)`, direction: 'desc', type: 'int' };
    case 'TITLE':
      return { expression: sql`(b.title COLLATE "C")`, direction: 'asc', type: 'text' };
  }
}

export function filterConditions(filter: BookFilter): RawBuilder<boolean>[] {
  const conditions: RawBuilder<boolean>[] = [];
  if (filter.categoryIds?.length) conditions.push(sql`b.category_id = any(${[...filter.categoryIds]}::int[])`);
  if (filter.languages?.length) conditions.push(sql`b.language = any(${[...filter.languages]}::text[])`);
  if (filter.authorIds?.length) {
    conditions.push(sql`b.author_ids && ${[...filter.authorIds]}::bigint[]`);
  }
  if (filter.minPriceCents != null) conditions.push(sql`b.price_cents >= ${filter.minPriceCents}`);
  if (filter.maxPriceCents != null) conditions.push(sql`b.price_cents <= ${filter.maxPriceCents}`);
  if (filter.inStockOnly) conditions.push(sql`b.in_stock`);
  if (filter.yearFrom != null) conditions.push(sql`b.published_year >= ${filter.yearFrom}`);
  if (filter.yearTo != null) conditions.push(sql`b.published_year <= ${filter.yearTo}`);
  return conditions;
}

export function keysetCondition(key: SortKey, after: { value: unknown; id: number }): RawBuilder<boolean> {
  const value = sql`${after.value}::${sql.raw(key.type)}`;
  return key.direction === 'asc'
    ? sql<boolean>`(${key.expression}, b.id) > (${value}, ${after.id}::bigint)`
    : sql<boolean>`(${key.expression}, b.id) < (${value}, ${after.id}::bigint)`;
}

export function orderBy(key: SortKey): RawBuilder<unknown> {
  const direction = sql.raw(key.direction);
  return sql`${key.expression} ${direction}, b.id ${direction}`;
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

export function priceBucketExpression(): RawBuilder<string> {
  const cases = PRICE_BUCKETS.map((bucket) =>
    bucket.max === null ? sql`ELSE ${bucket.value}` : sql`WHEN price_cents <= ${bucket.max} THEN ${bucket.value}`,
  );
  return sql<string>`CASE ${sql.join(cases, sql` `)} END`;
}
