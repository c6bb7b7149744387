import { type RawBuilder, sql } from 'kysely';
import { type BookFilter, type BookSort, type MatchMode, PRICE_BUCKETS, type TextQuery } from '../../search/query.js';

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

export function priceBucketExpression(): RawBuilder<string> {
  const cases = PRICE_BUCKETS.map((bucket) => (bucket.max === null ? sql`ELSE ${bucket.value}` : sql`WHEN price_cents <= ${bucket.max} THEN ${bucket.value}`));
  return sql<string>`CASE ${sql.join(cases, sql` `)} END`;
}
