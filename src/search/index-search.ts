import { LRUCache } from 'lru-cache';
import type { BookRow } from '../resolvers/catalog/catalog-repository.js';
import type { CatalogService } from '../resolvers/catalog/catalog-service.js';
import type { PageRow, RowKey } from './query.js';
import type { BookFilter, BookSort, TextQuery } from './query.js';
import type { BookIndex } from './book-index.js';
import type { BookChanges, SearchIndexFeed } from './index-feed.js';
import { type IndexSummary, pageOf, summarize } from './index-queries.js';
import { correctWords } from './spelling.js';

export interface IndexSearchRequest {
  text: TextQuery | null;
  filter: BookFilter;
  sort: BookSort;
  after: RowKey | null;
  limit: number;
}

export interface LabelledSummary extends Omit<IndexSummary, 'categories' | 'authors'> {
  categories: { id: number; label: string; count: number }[];
  authors: { id: number; label: string; count: number }[];
}

const MATCHES_TTL_MS = 30_000;
const MATCHES_BYTES = 64 * 2 ** 20;

/** Where names come from (the catalogue's caches; PostgreSQL by primary key on a miss), and whose rows a refresh drops. */
export type CatalogRows = Pick<CatalogService, 'categoriesByIds' | 'authorsByIds' | 'forgetBooks'>;

/**
 * Search served from the in-process index: matching, counting, faceting and ordering happen in memory,
 * and the page's rows are written from the index's copy of them (as a search engine's stored fields),
 * so they show the very facts the index matched on. Names (of authors, categories) come from the
 * catalogue's caches, which an API node fills with every author's name at start. The catalogue's own
 * cached rows are dropped when a refresh reads a book again, so a book page follows the index too.
 */
export function createIndexSearch(feed: SearchIndexFeed, catalog: CatalogRows) {
  // A page and its counts ask for the same matches; they are kept while no document number changed.
  const matches = new LRUCache<string, { index: BookIndex; version: number; docs: Int32Array }>({
    maxSize: MATCHES_BYTES,
    sizeCalculation: (entry) => entry.docs.byteLength + 64,
    ttl: MATCHES_TTL_MS,
  });

  // Each refresh that changed the index makes earlier matches suspect (a price or stock flag may have moved in place),
  // and the catalogue's rows of the books it read again (book pages follow the refresh too).
  feed.onApplied((books) => {
    matches.clear();
    catalog.forgetBooks(books);
  });

  async function matchesOf(text: TextQuery | null, filter: BookFilter, key: string): Promise<{ index: BookIndex; docs: Int32Array }> {
    const index = await feed.current();
    const cached = matches.get(key);
    if (cached && cached.index === index && cached.version === index.version) return cached;
    const entry = { index, version: index.version, docs: index.match(text, filter) };
    matches.set(key, entry);
    return entry;
  }

  return {
    get ready(): boolean {
      return feed.isReady;
    },

    /** Waits only when the index is behind its bound or this process's own writes (see SearchIndexFeed.current). */
    async current(): Promise<void> {
      await feed.current();
    },

    /** Calls `changed` after each refresh that changed the index, with the books read again. */
    onChange(changed: (books: BookChanges) => void): void {
      feed.onApplied(changed);
    },

    /**
     * The listed book with this ISBN-13 as the index holds it, when the index is current (see
     * SearchIndexFeed.currentNow): a book page then reads nothing. Undefined when the index cannot say
     * (behind, or the book is newer than it), for the caller to read it elsewhere.
     */
    bookByIsbn13(isbn13: string): BookRow | undefined {
      const index = feed.currentNow;
      const doc = index?.docOfIsbn13(isbn13);
      return doc === undefined ? undefined : index!.rowOf(doc);
    },

    async page(request: IndexSearchRequest, key: string): Promise<PageRow[]> {
      const { index, docs } = await matchesOf(request.text, request.filter, key);
      const after = request.after ? { value: request.after.value as number | string, id: request.after.id } : null;
      const tier = request.sort === 'RELEVANCE' && request.text ? ('SCORED' as const) : null;
      // A book removed since it matched is left out rather than shown empty. Each row names its authors by id,
      // which the Book fields name from the catalogue's kept names.
      return pageOf(index, docs, request.sort, request.text, after, request.limit).flatMap(({ value, id }) => {
        const doc = index.docOfBook(id);
        return doc === undefined ? [] : [{ book: index.rowOf(doc), key: { tier, value, id } }];
      });
    },

    async summary(text: TextQuery | null, filter: BookFilter, key: string, authorLimit: number): Promise<LabelledSummary> {
      const { index, docs } = await matchesOf(text, filter, key);
      const counts = summarize(index, docs, authorLimit);
      const { categoryNames, authorNames } = await facetLabels(catalog, counts);
      return {
        ...counts,
        categories: counts.categories.flatMap((c) => (categoryNames.has(c.id) ? [{ ...c, label: categoryNames.get(c.id)! }] : [])),
        authors: counts.authors.map((a) => ({ ...a, label: authorNames.get(a.id) ?? String(a.id) })),
      };
    },

    // These two follow a page of the same request, which has already brought the index up to date.

    /** The words corrected against the catalogue's own words (always current, unlike the hourly dictionary). */
    async correct(words: readonly string[]): Promise<string[] | null> {
      return correctWords(await feed.ready(), words);
    },

    async matchesAnything(text: TextQuery): Promise<boolean> {
      return (await feed.ready()).match(text, {}).length > 0;
    },

    /** Forgets cached matches, and the next search catches up with PostgreSQL first. */
    invalidate(): void {
      matches.clear();
      feed.expire();
    },
  };
}

export type IndexSearch = ReturnType<typeof createIndexSearch>;

/** The names of the categories and authors a summary counts. */
async function facetLabels(catalog: CatalogRows, counts: IndexSummary) {
  const [categories, authors] = await Promise.all([
    catalog.categoriesByIds(counts.categories.map((c) => c.id)),
    catalog.authorsByIds(counts.authors.map((a) => a.id)),
  ]);
  const names = (rows: readonly ({ id: number; name: string } | null)[]) => new Map(rows.flatMap((row) => (row ? [[row.id, row.name] as const] : [])));
  return { categoryNames: names(categories), authorNames: names(authors) };
}
