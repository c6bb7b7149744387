import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { SegmentedLru } from '../../lib/segmented-lru.js';
import { searchResultLookups } from '../../lib/metrics.js';
import type { Database } from '../../db/database.js';
import { InvalidInputError } from '../../lib/errors.js';
import type { BookRow } from './catalog-repository.js';
import { type BookFilter, type BookSort, type MatchMode, parseTextQuery, PRICE_BUCKETS, type RowKey, type TextQuery, textQueryOf } from '../../search/query.js';
import { fetchPageRows } from './search-pages.js';
import { filterConditions, matchCondition, priceBucketExpression } from './search-sql.js';
import { correctWords, refreshSearchTerms } from './search-terms.js';
import type { IndexSearch, LabelledSummary } from '../../search/index-search.js';

export interface SearchRequest {
  query?: string | null;
  filter?: BookFilter | null;
  sort: BookSort;
  first: number;
  after?: string | null;
  /** Start counting and faceting alongside the page, for clients known to ask for them. */
  eagerSummary?: boolean;
}

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

export interface SearchFacets {
  categories: FacetCount[];
  authors: FacetCount[];
  languages: FacetCount[];
  priceRanges: FacetCount[];
  inStock: number;
}

export interface SearchSummary {
  totalCount: number;
  facets: SearchFacets;
}

export interface SearchResult {
  mode: MatchMode;
  /** The words searched for instead, when misspelled ones were corrected. */
  correctedQuery: string | null;
  edges: { cursor: string; node: BookRow }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Counting and faceting cost a pass over every match, so they run only when a client asks. */
  summary: () => Promise<SearchSummary>;
}

interface Cursor extends RowKey {
  mode: MatchMode;
  search: string;
  /** The corrected words a CORRECTED search pages through, so later pages use the same ones. */
  words: string[] | null;
}

export const MAX_PAGE_SIZE = 100;
const AUTHOR_FACET_LIMIT = 20;
const RESULT_TTL_MS = 30_000;
const INDEXED_RESULT_TTL_MS = 10 * 60_000;
/** Results seen once wait here for a second look (see SegmentedLru). */
const PROBATION = 1_000;
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

type Page = Pick<SearchResult, 'mode' | 'correctedQuery' | 'edges' | 'pageInfo'> & { text: TextQuery | null };

const pageLookups = { kept: searchResultLookups.labels('page', 'kept'), computed: searchResultLookups.labels('page', 'computed') };
const summaryLookups = { kept: searchResultLookups.labels('summary', 'kept'), computed: searchResultLookups.labels('summary', 'computed') };

/** Shares one computation among concurrent and repeated identical requests for a short while. */
function memoized<T extends {}>(cache: SegmentedLru<string, Promise<T>>, lookups: typeof pageLookups, key: string, compute: () => Promise<T>): Promise<T> {
  const cached = cache.get(key);
  if (cached) {
    lookups.kept.inc();
    return cached;
  }
  lookups.computed.inc();
  const pending = compute();
  cache.set(key, pending);
  pending.catch(() => cache.delete(key));
  return pending;
}

/**
 * Searches the catalogue. With an index (the default for the API), text, filters, counts, facets and
 * order come from the in-process index of the books' search vectors and only the page's rows from
 * PostgreSQL; without one, and always for trigram similarity (FUZZY), PostgreSQL does it all.
 */
export function createSearchService(db: Kysely<Database>, index: IndexSearch | null = null) {
  // Popular searches repeat far more often than the catalogue changes. Answered by PostgreSQL, results may be up to
  // RESULT_TTL_MS old; with an index they are dropped at each refresh that changed it, so they may be kept longer.
  const ttl = index ? INDEXED_RESULT_TTL_MS : RESULT_TTL_MS;
  // A search is kept for long once asked again: a run of searches nobody repeats passes through the small probation
  // segment only, and the popular ones stay.
  const pages = new SegmentedLru<string, Promise<Page>>({ max: 5_000, probation: PROBATION, ttl });
  const summaries = new SegmentedLru<string, Promise<SearchSummary>>({ max: 5_000, probation: PROBATION, ttl });
  // With an index, results last until it changes (once per refresh at most), not only their time.
  index?.onChange(() => {
    pages.clear();
    summaries.clear();
  });

  const indexFor = (mode: MatchMode) => (mode === 'FUZZY' ? null : index);
  const matchKey = (mode: MatchMode, text: TextQuery | null, search: string) => `${mode}:${text?.phrase ?? ''}:${search}`;

  async function fetchPage(mode: MatchMode, text: TextQuery | null, request: SearchRequest, after: Cursor | null, search: string): Promise<Page> {
    const filter = request.filter ?? {};
    const limit = request.first + 1;
    const engine = indexFor(mode);
    assertCursorFits(after, engine !== null);
    const rows = engine
      ? await engine.page({ text, filter, sort: request.sort, after, limit }, matchKey(mode, text, search))
      : await fetchPageRows(db, { mode, text, filter, sort: request.sort, after, limit });
    const words = mode === 'CORRECTED' ? (text?.words ?? null) : null;
    const ofSearch = { mode, search, words };
    const edges = rows.slice(0, request.first).map(({ book, key }) => new Edge(book, key, ofSearch));
    return {
      mode,
      text,
      correctedQuery: words ? words.join(' ') : null,
      edges,
      pageInfo: {
        hasNextPage: rows.length > request.first,
        hasPreviousPage: after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }

  /** Whether the words match any book at all, filters aside: only then is an empty page not a typo. */
  async function textMatchesAnything(text: TextQuery): Promise<boolean> {
    if (index) return index.matchesAnything(text);
    const { rows } = await sql<{ found: boolean }>`SELECT EXISTS (SELECT 1 FROM books b WHERE ${matchCondition('TEXT', text)}) AS found`.execute(db);
    return rows[0]?.found ?? false;
  }

  function summary(mode: MatchMode, text: TextQuery | null, filter: BookFilter, search: string): Promise<SearchSummary> {
    const key = matchKey(mode, text, search);
    const engine = indexFor(mode);
    return memoized(summaries, summaryLookups, key, async () =>
      engine ? labelledSummary(await engine.summary(text, filter, key, AUTHOR_FACET_LIMIT)) : computeSummary(db, mode, text, filter),
    );
  }

  async function resolvePage(typed: TextQuery | null, request: SearchRequest, after: Cursor | null, search: string): Promise<Page> {
    const filter = request.filter ?? {};
    const mode: MatchMode = after?.mode ?? (typed ? 'TEXT' : 'BROWSE');
    const text = after?.words ? textQueryOf(after.words) : typed;
    const startSummary = (summaryMode: MatchMode, summaryText: TextQuery | null) => {
      if (request.eagerSummary) void summary(summaryMode, summaryText, filter, search).catch(() => undefined);
    };
    startSummary(mode, text);
    const page = await fetchPage(mode, text, request, after, search);
    if (mode !== 'TEXT' || after || page.edges.length > 0 || !text) return page;
    if (filterConditions(filter).length > 0 && (await textMatchesAnything(text))) return page;
    // Nothing matched word for word: search for the corrected spelling, else for similar titles and authors.
    const corrected = index ? await index.correct(text.words) : await correctWords(db, text.words);
    if (corrected) {
      startSummary('CORRECTED', textQueryOf(corrected));
      const correctedPage = await fetchPage('CORRECTED', textQueryOf(corrected), request, null, search);
      // Corrected words that still find nothing together: titles and authors that look alike may.
      if (correctedPage.edges.length > 0) return correctedPage;
    }
    startSummary('FUZZY', text);
    return fetchPage('FUZZY', text, request, null, search);
  }

  return {
    async searchBooks(request: SearchRequest): Promise<SearchResult> {
      validateRequest(request);
      // Before the cached results are looked at: they may predate a change this process has just made.
      await index?.current();
      const text = parseTextQuery(request.query);
      const filter = request.filter ?? {};
      const search = fingerprint(text, filter, request.sort);
      const after = request.after ? decodeCursor(request.after, search) : null;
      const pageKey = `${search}:${request.first}:${request.after ?? ''}`;
      // Counts started beside a new page in this request (eagerSummary) were counted as computed then.
      const summaryStartedHere = request.eagerSummary === true && pages.peek(pageKey) === undefined;
      const page = await memoized(pages, pageLookups, pageKey, () => resolvePage(text, request, after, search));
      // Looked at once per result (its count and its facets share it). Counts started by this very request are only
      // peeked at, not a repeat; any other look is one (and counted), so the counts of a search people repeat stay kept.
      let looked: Promise<SearchSummary> | undefined;
      const summaryOfPage = () =>
        (looked ??= (summaryStartedHere ? summaries.peek(matchKey(page.mode, page.text, search)) : undefined) ?? summary(page.mode, page.text, filter, search));
      return { ...page, summary: summaryOfPage };
    },

    /** Drops cached pages and counts, after the catalogue or its dictionary changed. */
    invalidate(): void {
      pages.clear();
      summaries.clear();
      index?.invalidate();
    },

    /** Whether searches can be answered now (the index, when there is one, has been read). */
    get ready(): boolean {
      return index?.ready ?? true;
    },

    async refreshTerms(): Promise<number> {
      const terms = await refreshSearchTerms(db);
      pages.clear();
      summaries.clear();
      return terms;
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;

async function computeSummary(db: Kysely<Database>, mode: MatchMode, text: TextQuery | null, filter: BookFilter): Promise<SearchSummary> {
  const conditions = [matchCondition(mode, text), ...filterConditions(filter)];
  const { rows } = await sql<{ facet: string; value: string | null; label: string | null; count: number }>`
    WITH matched AS MATERIALIZED (
      SELECT b.id, b.category_id, b.language, b.price_cents, b.in_stock, b.author_ids
      FROM books b WHERE ${sql.join(conditions, sql` AND `)}
    )
    SELECT 'total' AS facet, NULL AS value, NULL AS label, count(*)::int AS count FROM matched
    UNION ALL
    SELECT 'inStock', NULL, NULL, (count(*) FILTER (WHERE in_stock))::int FROM matched
    UNION ALL
    SELECT 'category', c.id::text, c.name, count(*)::int
      FROM matched m JOIN categories c ON c.id = m.category_id GROUP BY c.id, c.name
    UNION ALL
    SELECT 'language', language, NULL, count(*)::int FROM matched WHERE language IS NOT NULL GROUP BY language
    UNION ALL
    SELECT 'price', ${priceBucketExpression()}, NULL, count(*)::int FROM matched WHERE price_cents IS NOT NULL GROUP BY 2
    UNION ALL
    SELECT 'author', a.id::text, a.name, top.count
      FROM (SELECT author_id, count(*)::int AS count FROM matched, unnest(author_ids) AS author_id
            GROUP BY author_id ORDER BY count(*) DESC, author_id LIMIT ${AUTHOR_FACET_LIMIT}) top
      JOIN authors a ON a.id = top.author_id`.execute(db);

  const of = (facet: string) => rows.filter((row) => row.facet === facet);
  return {
    totalCount: of('total')[0]?.count ?? 0,
    facets: {
      inStock: of('inStock')[0]?.count ?? 0,
      categories: of('category')
        .map((row) => facet(row.value, row.label, row.count))
        .sort(byCount),
      authors: of('author')
        .map((row) => facet(row.value, row.label, row.count))
        .sort(byCount),
      languages: of('language')
        .map((row) => facet(row.value, languageLabel(row.value), row.count))
        .sort(byCount),
      priceRanges: PRICE_BUCKETS.map((bucket) => ({
        value: bucket.value,
        label: bucket.label,
        count: of('price').find((row) => row.value === bucket.value)?.count ?? 0,
      })),
    },
  };
}

const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || a.label.localeCompare(b.label);

/** The index's counts in the shape the SQL summary has, sorted the same way. */
function labelledSummary(counts: LabelledSummary): SearchSummary {
  return {
    totalCount: counts.total,
    facets: {
      inStock: counts.inStock,
      categories: counts.categories.map((c) => facet(String(c.id), c.label, c.count)).sort(byCount),
      authors: counts.authors.map((a) => facet(String(a.id), a.label, a.count)).sort(byCount),
      languages: counts.languages.map((l) => facet(l.code, languageLabel(l.code), l.count)).sort(byCount),
      priceRanges: PRICE_BUCKETS.map((bucket, i) => ({ value: bucket.value, label: bucket.label, count: counts.priceBuckets[i] ?? 0 })),
    },
  };
}

/** A cursor is only good for the engine that made it: their relevance orders differ. */
function assertCursorFits(after: Cursor | null, fromIndex: boolean): void {
  if (!after || after.tier === null) return;
  if ((after.tier === 'SCORED') !== fromIndex) throw invalidCursor();
}

const invalidCursor = () => new InvalidInputError('The after cursor is not valid for this search; start again without it.', { field: 'after' });

function facet(value: string | null, label: string | null, count: number): FacetCount {
  return { value: value ?? '', label: label ?? value ?? '', count };
}

/**
 * Cursors are written only for the edges a client asks them of (most ask only the page's last). A class
 * rather than closures: pages are kept for repeats, and each object kept costs the garbage collector.
 */
class Edge {
  private encoded: string | undefined;

  constructor(
    readonly node: BookRow,
    private readonly key: RowKey,
    private readonly search: Omit<Cursor, keyof RowKey>,
  ) {}

  get cursor(): string {
    return (this.encoded ??= encodeCursor({ ...this.key, ...this.search }));
  }
}

/** Language names by code: Intl looks each one up anew, and the same few are named in every result's facets. */
const languageLabels = new Map<string, string>();

function languageLabel(code: string | null): string {
  if (!code) return '';
  let label = languageLabels.get(code);
  if (label === undefined) {
    try {
      label = languageNames.of(code) ?? code;
    } catch {
      label = code;
    }
    if (languageLabels.size < 1_000) languageLabels.set(code, label);
  }
  return label;
}

function validateRequest(request: SearchRequest): void {
  if (!Number.isInteger(request.first) || request.first < 1 || request.first > MAX_PAGE_SIZE) {
    throw new InvalidInputError(`first must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  const filter = request.filter ?? {};
  const { minPriceCents: min, maxPriceCents: max, yearFrom, yearTo } = filter;
  if (min != null && min < 0) throw new InvalidInputError('minPriceCents must not be negative', { field: 'filter.minPriceCents' });
  if (max != null && max < 0) throw new InvalidInputError('maxPriceCents must not be negative', { field: 'filter.maxPriceCents' });
  if (min != null && max != null && min > max) {
    throw new InvalidInputError('minPriceCents must not be greater than maxPriceCents', { field: 'filter' });
  }
  if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
    throw new InvalidInputError('yearFrom must not be after yearTo', { field: 'filter' });
  }
  for (const language of filter.languages ?? []) {
    if (!/^[a-z]{2}$/.test(language)) {
      throw new InvalidInputError(`"${language}" is not a two-letter ISO 639-1 language code`, { field: 'filter.languages' });
    }
  }
}

/** Identifies a search (text, filters, sort) so a cursor cannot be replayed against a different one. */
function fingerprint(text: TextQuery | null, filter: BookFilter, sort: BookSort): string {
  const normalized = {
    words: text?.words ?? [],
    phrase: text?.phrase ?? '',
    sort,
    categoryIds: [...(filter.categoryIds ?? [])].sort(),
    authorIds: [...(filter.authorIds ?? [])].sort(),
    languages: [...(filter.languages ?? [])].sort(),
    minPriceCents: filter.minPriceCents ?? null,
    maxPriceCents: filter.maxPriceCents ?? null,
    inStockOnly: filter.inStockOnly ?? false,
    yearFrom: filter.yearFrom ?? null,
    yearTo: filter.yearTo ?? null,
  };
  return createHash('sha256').update(JSON.stringify(normalized)).digest('base64url').slice(0, 16);
}

function encodeCursor(cursor: Cursor): string {
  const fields = [cursor.value, cursor.id, cursor.mode, cursor.search, cursor.words, cursor.tier];
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

function decodeCursor(encoded: string, search: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 6) throw invalidCursor();
  const [value, id, mode, cursorSearch, words, tier] = parsed as [unknown, unknown, unknown, unknown, unknown, unknown];
  const validValue = typeof value === 'number' || typeof value === 'string';
  const validMode = mode === 'TEXT' || mode === 'CORRECTED' || mode === 'FUZZY' || mode === 'BROWSE';
  const validWords =
    words === null || (Array.isArray(words) && words.length > 0 && words.every((word) => typeof word === 'string' && /^[\p{L}\p{N}]+$/u.test(word)));
  const validTier = tier === null || tier === 'RANKED' || tier === 'POPULAR' || tier === 'SCORED';
  if (!validValue || !Number.isSafeInteger(id) || !validMode || !validWords || !validTier || cursorSearch !== search) throw invalidCursor();
  return { value, id: id as number, mode, search, words: words as string[] | null, tier };
}
