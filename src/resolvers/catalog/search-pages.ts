import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { BookRow } from './catalog-repository.js';
import type { BookFilter, BookSort, MatchMode, PageRow, RowKey, TextQuery } from '../../search/query.js';
import { filterConditions, keysetCondition, matchCondition, orderBy, sortKey } from './search-sql.js';

export interface PageRequest {
  mode: MatchMode;
  text: TextQuery | null;
  filter: BookFilter;
  sort: BookSort;
  after: RowKey | null;
  /** Rows wanted, one more than the page so the caller can tell whether another page follows. */
  limit: number;
}

/**
 * How many of the most popular matches are ranked by relevance. Ranking every match of a common word
 * means reading tens of thousands of rows; the most popular few hundred can be read in popularity
 * order and stop early, and are what a shopper looks at. Below this many matches the ranking is exact.
 */
export const RANKED_CANDIDATES = 250;

const BOOK_COLUMNS = sql`b.id, b.isbn13, b.work_id, b.title, b.subtitle, b.publisher_id, b.published_year,
  b.language, b.category_id, b.format, b.currency, b.list_price_cents, b.price_cents, b.in_stock, b.demand_score`;

const and = (conditions: RawBuilder<boolean>[]) => sql.join(conditions, sql` AND `);

export function fetchPageRows(db: Kysely<Database>, request: PageRequest): Promise<PageRow[]> {
  const ranked = request.sort === 'RELEVANCE' && request.mode !== 'BROWSE' && request.text !== null;
  return ranked ? relevancePage(db, request, request.text!) : sortedPage(db, request);
}

/** Any order backed by a single sort key, read with a keyset condition. */
async function sortedPage(db: Kysely<Database>, request: PageRequest): Promise<PageRow[]> {
  const key = sortKey(request.sort, request.mode, request.text);
  const conditions = [matchCondition(request.mode, request.text), ...filterConditions(request.filter)];
  if (request.after) conditions.push(keysetCondition(key, request.after));
  const { rows } = await sql<BookRow & { sortValue: unknown }>`
    SELECT ${BOOK_COLUMNS}, ${key.expression} AS sort_value
    FROM books b WHERE ${and(conditions)}
    ORDER BY ${orderBy(key)} LIMIT ${request.limit}`.execute(db);
  return rows.map(({ sortValue, ...book }) => ({ book, key: { tier: null, value: sortValue, id: book.id } }));
}

interface RankedRow extends BookRow {
  sortValue: number | null;
  candidates: number;
  floorDemand: number | null;
  floorId: number | null;
}

async function relevancePage(db: Kysely<Database>, request: PageRequest, text: TextQuery): Promise<PageRow[]> {
  const matches = [matchCondition(request.mode, text), ...filterConditions(request.filter)];
  const rows: PageRow[] = [];
  let floor: RowKey | null = request.after?.tier === 'POPULAR' ? request.after : null;
  if (!floor) {
    const ranked = await rankedTier(db, request, text, matches);
    rows.push(...ranked.rows);
    // Fewer popular matches than candidates means the ranked tier held every match.
    if (rows.length >= request.limit || !ranked.floor) return rows;
    floor = ranked.floor;
  }
  const { rows: popular } = await sql<BookRow>`
    SELECT ${BOOK_COLUMNS} FROM books b
    WHERE ${and(matches)} AND (b.demand_score, b.id) < (${floor.value}::float8, ${floor.id}::bigint) AND lower(b.title) <> ${text.phrase}
    ORDER BY b.demand_score DESC, b.id DESC LIMIT ${request.limit - rows.length}`.execute(db);
  rows.push(...popular.map((book) => ({ book, key: { tier: 'POPULAR' as const, value: book.demandScore, id: book.id } })));
  return rows;
}

/** The ranked tier from the cursor on, and the popularity floor below which the POPULAR tier starts. */
async function rankedTier(db: Kysely<Database>, request: PageRequest, text: TextQuery, matches: RawBuilder<boolean>[]) {
  const relevance = sortKey('RELEVANCE', request.mode, text).expression;
  const after = request.after ? sql`AND (${relevance}, b.id) < (${request.after.value}::float8, ${request.after.id}::bigint)` : sql``;
  const { rows } = await sql<RankedRow>`
    WITH popular AS (
      SELECT b.id, b.demand_score FROM books b WHERE ${and(matches)}
      ORDER BY b.demand_score DESC, b.id DESC LIMIT ${RANKED_CANDIDATES}),
    floor AS (
      SELECT count(*)::int AS candidates,
             (array_agg(demand_score ORDER BY demand_score, id))[1] AS floor_demand,
             (array_agg(id ORDER BY demand_score, id))[1] AS floor_id
      FROM popular),
    candidates AS (
      SELECT id FROM popular
      UNION
      SELECT b.id FROM books b WHERE lower(b.title) = ${text.phrase} AND ${and(matches)}),
    ranked AS (
      SELECT ${BOOK_COLUMNS}, ${relevance} AS sort_value
      FROM books b JOIN candidates c ON c.id = b.id
      WHERE true ${after}
      ORDER BY sort_value DESC, b.id DESC LIMIT ${request.limit})
    SELECT floor.*, ranked.* FROM floor LEFT JOIN ranked ON true
    ORDER BY ranked.sort_value DESC NULLS LAST, ranked.id DESC`.execute(db);
  const first = rows[0];
  const complete = !first || first.candidates < RANKED_CANDIDATES;
  return {
    rows: rows
      .filter((row) => row.id !== null)
      .map(({ sortValue, candidates: _c, floorDemand: _d, floorId: _i, ...book }) => ({
        book,
        key: { tier: 'RANKED' as const, value: sortValue, id: book.id },
      })),
    floor: complete ? null : { tier: 'POPULAR' as const, value: first.floorDemand, id: first.floorId! },
  };
}
