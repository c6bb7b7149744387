import { type BookSort, PRICE_BUCKETS, type TextQuery } from './query.js';
import type { BookIndex } from './book-index.js';
import { facetBits } from './facets.js';
import { TopEntries } from './columns.js';

export interface IndexSummary {
  total: number;
  inStock: number;
  categories: { id: number; count: number }[];
  languages: { code: string; count: number }[];
  /** Counts in the order of PRICE_BUCKETS. */
  priceBuckets: number[];
  /** The most frequent authors, most books first (ties by id). */
  authors: { id: number; count: number }[];
}

/** Totals and facet counts over a set of matches, as the SQL summary counts them (missing values left out). */
export function summarize(index: BookIndex, matches: Int32Array, authorLimit: number): IndexSummary {
  const combination = index.combination.data;
  const authorStart = index.authorStart.data;
  const authorSlots = index.authorSlots.data;
  const combinationCounts = new Int32Array(index.facetWords.length);
  const authorCounts = index.authorCounts();
  const authorsSeen = index.authorsSeenScratch();
  let seen = 0;
  for (let i = 0; i < matches.length; i++) {
    const doc = matches[i]!;
    combinationCounts[combination[doc]!]! += 1;
    for (let j = authorStart[doc]!; j < authorStart[doc + 1]!; j++) {
      const slot = authorSlots[j]!;
      if (authorCounts[slot] === 0) authorsSeen[seen++] = slot;
      authorCounts[slot]! += 1;
    }
  }
  const categoryCounts = new Int32Array(index.categoryIds.length);
  const languageCounts = new Int32Array(index.languages.length);
  const bucketCounts = new Int32Array(8);
  let stocked = 0;
  combinationCounts.forEach((count, combination) => {
    if (count === 0) return;
    const word = index.facetWords[combination]!;
    stocked += facetBits.inStock(word) * count;
    const category = facetBits.category(word);
    if (category >= 0) categoryCounts[category]! += count;
    languageCounts[facetBits.language(word)]! += count;
    bucketCounts[facetBits.priceBucket(word)]! += count;
  });
  const top = new TopEntries<{ id: number; count: number }>(authorLimit, (a, b) => a.count > b.count || (a.count === b.count && a.id < b.id));
  for (let k = 0; k < seen; k++) {
    const slot = authorsSeen[k]!;
    const count = authorCounts[slot]!;
    authorCounts[slot] = 0;
    if (!top.full || count >= top.last!.count) top.offer({ id: index.authorIds[slot]!, count });
  }
  return {
    total: matches.length,
    inStock: stocked,
    categories: [...categoryCounts].flatMap((count, slot) => (count ? [{ id: index.categoryIds[slot]!, count }] : [])),
    languages: index.languages.flatMap((code, slot) => (slot > 0 && languageCounts[slot]! > 0 ? [{ code, count: languageCounts[slot]! }] : [])),
    priceBuckets: PRICE_BUCKETS.map((_, bucket) => bucketCounts[bucket]!),
    authors: top.sorted(),
  };
}

export interface IndexKey {
  value: number | string;
  id: number;
}

interface Entry extends IndexKey {
  doc: number;
}

const EXACT_TITLE_BONUS = 1000;
const WORD_WEIGHT = 100;
/** What a word found in each field is worth: title (A), authors (B), subtitle (C), anything else (D). */
const FIELD_WEIGHTS = [0.1, 0.2, 0.4, 1.0];

/**
 * One page of matches in a sort order, after a cursor's key. Relevance is an exact title match first,
 * then how well the words match (each word's best field, averaged), then popularity; every order ends
 * with the book id so keys are unique.
 */
export function pageOf(index: BookIndex, matches: Int32Array, sort: BookSort, text: TextQuery | null, after: IndexKey | null, limit: number): IndexKey[] {
  if (sort === 'TITLE') return titlePage(index, matches, after, limit);
  const before = sort === 'PRICE_ASC' ? comesBeforeAscending : comesBeforeDescending;
  const top = new TopEntries<Entry>(limit, before);
  const ids = index.bookIds.data;
  const keyOf = keyFunction(index, sort, text);
  const bound = sort === 'RELEVANCE' && text ? relevanceBound(index, text) : null;
  const probe: Entry = { value: 0, id: 0, doc: 0 };
  for (let i = 0; i < matches.length; i++) {
    const doc = matches[i]!;
    // Most matches of a common word cannot beat the page kept so far: skip scoring them.
    if (bound && top.full && !bound(doc, top.last!.value as number)) continue;
    probe.value = keyOf(doc);
    probe.id = ids[doc]!;
    if (after && !before(after, probe)) continue;
    if (top.full && !before(probe, top.last!)) continue;
    top.offer({ value: probe.value, id: probe.id, doc });
  }
  return top.sorted().map(({ value, id }) => ({ value, id }));
}

function comesBeforeAscending(a: IndexKey, b: IndexKey): boolean {
  return (a.value as number) < (b.value as number) || (a.value === b.value && a.id < b.id);
}

function comesBeforeDescending(a: IndexKey, b: IndexKey): boolean {
  return (a.value as number) > (b.value as number) || (a.value === b.value && a.id > b.id);
}

/** Titles in byte order, compared where they lie; only the page's own titles are decoded. */
function titlePage(index: BookIndex, matches: Int32Array, after: IndexKey | null, limit: number): IndexKey[] {
  const bytes = index.titles.bytes.data;
  const start = index.titles.start.data;
  const ids = index.bookIds.data;
  const afterBytes = after ? Buffer.from(String(after.value), 'utf8') : null;
  const compareDocs = (a: number, b: number) => compareBytes(bytes, start[a]!, start[a + 1]!, bytes, start[b]!, start[b + 1]!);
  const top = new TopEntries<number>(limit, (a, b) => {
    const order = compareDocs(a, b);
    return order < 0 || (order === 0 && ids[a]! < ids[b]!);
  });
  for (let i = 0; i < matches.length; i++) {
    const doc = matches[i]!;
    if (afterBytes) {
      const order = compareBytes(bytes, start[doc]!, start[doc + 1]!, afterBytes, 0, afterBytes.length);
      if (order < 0 || (order === 0 && ids[doc]! <= after!.id)) continue;
    }
    top.offer(doc);
  }
  return top.sorted().map((doc) => ({ value: index.titleOf(doc), id: ids[doc]! }));
}

function compareBytes(a: Uint8Array, aFrom: number, aTo: number, b: Uint8Array, bFrom: number, bTo: number): number {
  const length = Math.min(aTo - aFrom, bTo - bFrom);
  for (let i = 0; i < length; i++) {
    const difference = a[aFrom + i]! - b[bFrom + i]!;
    if (difference !== 0) return difference;
  }
  return aTo - aFrom - (bTo - bFrom);
}

function keyFunction(index: BookIndex, sort: Exclude<BookSort, 'TITLE'>, text: TextQuery | null): (doc: number) => number {
  const price = index.price.data;
  const year = index.year.data;
  switch (sort) {
    case 'RELEVANCE':
      return text ? relevance(index, text) : (doc) => index.demand.data[doc]!;
    case 'PRICE_ASC':
      return (doc) => (Number.isNaN(price[doc]!) ? Number.MAX_SAFE_INTEGER : price[doc]!);
    case 'PRICE_DESC':
      return (doc) => (Number.isNaN(price[doc]!) ? -1 : price[doc]!);
    case 'NEWEST':
      return (doc) => (Number.isNaN(year[doc]!) ? 0 : year[doc]!);
  }
}

function isExactTitle(index: BookIndex, doc: number, phrase: string): boolean {
  return index.lowerTitleLength.data[doc] === phrase.length && index.titleOf(doc).toLowerCase() === phrase;
}

function relevance(index: BookIndex, text: TextQuery): (doc: number) => number {
  const exact = text.words.slice(0, -1).map((word) => index.termOf(word) ?? -1);
  const prefixTerms = new Set(index.termsWithPrefix(text.words.at(-1)!));
  const popularity = index.popularity.data;
  const termStart = index.termStart.data;
  const termIds = index.termIds.data;
  const termWeights = index.termWeights.data;
  return (doc) => {
    let words = 0;
    for (const term of exact) words += FIELD_WEIGHTS[Math.max(0, index.weightOf(doc, term))]!;
    let best = 0;
    for (let j = termStart[doc]!; j < termStart[doc + 1]! && best < 3; j++) {
      if (termWeights[j]! > best && prefixTerms.has(termIds[j]!)) best = termWeights[j]!;
    }
    words += FIELD_WEIGHTS[best]!;
    const score = (WORD_WEIGHT * words) / text.words.length + popularity[doc]!;
    return isExactTitle(index, doc, text.phrase) ? score + EXACT_TITLE_BONUS : score;
  };
}

/** Whether a document could score above `floor`: true for an exact title, else judged by popularity alone. */
function relevanceBound(index: BookIndex, text: TextQuery): (doc: number, floor: number) => boolean {
  const popularity = index.popularity.data;
  return (doc, floor) => WORD_WEIGHT + popularity[doc]! >= floor || isExactTitle(index, doc, text.phrase);
}
