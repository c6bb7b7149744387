import type { BookRow } from '../resolvers/catalog/catalog-repository.js';
import type { BookFilter, TextQuery } from './query.js';
import { bytes, type Column, DocumentTable, floats, ints, singles, slotFor, Utf8Column, words16 } from './columns.js';
import { orNull, StoredFields } from './stored-fields.js';
import { bitWords, type DocSet, intersect, unionOf } from './doc-sets.js';
import { IsbnTable } from './isbn-table.js';
import { Lexicon } from './lexicon.js';
import { facetBits, MAX_CATEGORY_SLOTS, MAX_LANGUAGE_SLOTS, priceBucketOf } from './facets.js';

/**
 * What search knows of one book: the lexemes of its search vector (with their best weight), its facets,
 * and the rest of its row, so that a page of results is written from the index alone (a search engine's
 * stored fields).
 */
export interface IndexedBook extends BookRow {
  lexemes: ReadonlyMap<string, number>;
  authorIds: readonly number[];
}

const EMPTY = new Int32Array(0);
/** A term in at least one document in this many (and this many documents) is kept as a bit set too. */
const DENSE_SHARE = 64;
const DENSE_MIN_DOCUMENTS = 2_048;
/** About how many words a book's search vector holds: what checking one candidate's own words costs. */
const TERMS_PER_BOOK = 12;

/** Stands for "every current document" among filter tests. */
const ALIVE = (doc: number) => doc >= 0;

/**
 * An inverted index of the catalogue's search vectors with a column per facet and sort key, held in
 * typed arrays. Each book is a document number; a book whose words or grouping change gets a new
 * number (the old one is marked gone), any other change is written in place.
 */
export class BookIndex {
  readonly bookIds = floats(1024);
  readonly alive = bytes(1024);
  readonly demand = floats(1024);
  /** ln(1 + demand), the popularity part of relevance, computed once (single precision: read for every match). */
  readonly popularity = singles(1024);
  readonly price = floats(1024);
  readonly year = floats(1024);
  /** Each document's facet combination; its packed facet word is facetWords[combination]. */
  readonly combination = ints(1024);
  readonly facetWords: number[] = [];
  private readonly combinationOf = new Map<number, number>();
  /** Titles, in document order (their byte order is the TITLE sort). */
  readonly titles = new Utf8Column();
  /** The rest of each book's row, for writing pages of results. */
  private readonly stored = new StoredFields();
  /** Length of each lower-cased title: an exact title match is ruled out without reading the title. */
  readonly lowerTitleLength = words16(1024);
  /** Category ids by slot (the slot is what the facet word holds). */
  readonly categoryIds: number[] = [];
  /** Document d's lexemes are termIds[termStart[d] .. termStart[d + 1]), with their weights beside them. */
  readonly termStart = ints(1024);
  readonly termIds = ints(8192);
  readonly termWeights = bytes(8192);
  readonly authorStart = ints(1024);
  readonly authorSlots = ints(1024);
  /** Author ids by slot: authors are counted in dense arrays. */
  readonly authorIds: number[] = [];
  readonly languages: string[] = [''];

  private readonly lexicon = new Lexicon();
  private readonly categoryDocs = new Map<number, Column<Int32Array>>();
  private readonly categorySlot = new Map<number, number>();
  private readonly authorSlotOf = new Map<number, number>();
  private authorPostings: { version: number; start: Int32Array; docs: Int32Array } | null = null;
  private readonly languageSlot = new Map<string, number>();
  private readonly docOf = new DocumentTable();
  private readonly docOfIsbn = new IsbnTable((doc) => this.stored.isbn13At(doc));
  private readonly denseTerms = new Map<number, { bits: Int32Array; covered: number }>();
  private authorCountScratch = new Int32Array(0);
  private matchBuffer = new Int32Array(0);
  private authorSeenBuffer = new Int32Array(0);
  private unionBuffer = new Int32Array(0);
  /** Bumped whenever document numbers change meaning (a book added, regrouped or removed). */
  version = 0;
  /** While a whole catalogue is read, posting lists are left to be built once at the end (see `compact`). */
  private postingsDeferred: boolean;

  /** `bulk`: the index is about to be read whole; call `compact` when done, before searching it. */
  constructor(options: { bulk?: boolean } = {}) {
    this.postingsDeferred = options.bulk ?? false;
    this.termStart.push(0);
    this.authorStart.push(0);
  }

  titleOf(doc: number): string {
    return this.titles.at(doc);
  }

  /** The book's row as PostgreSQL held it when the index last read it. */
  rowOf(doc: number): BookRow {
    const facets = this.facetWords[this.combination.data[doc]!]!;
    const category = facetBits.category(facets);
    const language = facetBits.language(facets);
    const stored = this.stored.of(doc);
    // Written out field by field (not spread): every row then has one shape, which keeps reading them fast.
    return {
      id: this.bookIds.data[doc]!,
      isbn13: stored.isbn13,
      workId: stored.workId,
      title: this.titles.at(doc),
      subtitle: stored.subtitle,
      publisherId: stored.publisherId,
      publishedYear: orNull(this.year.data[doc]!),
      language: language === 0 ? null : this.languages[language]!,
      categoryId: category < 0 ? null : this.categoryIds[category]!,
      format: stored.format,
      currency: stored.currency,
      listPriceCents: stored.listPriceCents,
      priceCents: orNull(this.price.data[doc]!),
      inStock: facetBits.inStock(facets) === 1,
      demandScore: this.demand.data[doc]!,
      authorIds: this.authorIdsOf(doc),
    };
  }

  /** The author ids of a document, in their order. */
  authorIdsOf(doc: number): number[] {
    const ids: number[] = [];
    for (let j = this.authorStart.data[doc]!; j < this.authorStart.data[doc + 1]!; j++) ids.push(this.authorIds[this.authorSlots.data[j]!]!);
    return ids;
  }

  /** The document of a current book, if it is indexed. */
  docOfBook(bookId: number): number | undefined {
    return this.docOf.get(bookId);
  }

  /** The document of the current book with this ISBN-13 (a valid one, as `parseIsbn` gives), if it is indexed. */
  docOfIsbn13(isbn13: string): number | undefined {
    const doc = this.docOfIsbn.get(Number(isbn13));
    return doc !== undefined && this.alive.data[doc] === 1 ? doc : undefined;
  }

  /** Each author's documents (rebuilt after documents change): only browsing by author without words needs them. */
  private booksByAuthor(): { start: Int32Array; docs: Int32Array } {
    if (this.authorPostings?.version === this.version) return this.authorPostings;
    const slots = this.authorSlots.view();
    const authorStart = this.authorStart.data;
    const start = new Int32Array(this.authorIds.length + 1);
    for (let j = 0; j < slots.length; j++) start[slots[j]! + 1]! += 1;
    for (let slot = 0; slot < this.authorIds.length; slot++) start[slot + 1]! += start[slot]!;
    const fill = start.slice(0, this.authorIds.length);
    const docs = new Int32Array(slots.length);
    for (let doc = 0; doc < this.documents; doc++) {
      for (let j = authorStart[doc]!; j < authorStart[doc + 1]!; j++) docs[fill[slots[j]!]!++] = doc;
    }
    this.authorPostings = { version: this.version, start, docs };
    return this.authorPostings;
  }

  /**
   * Cuts every array to what it holds (after a whole read; arrays double as they grow, so up to half is
   * slack), and builds posting lists deferred by a bulk read: each at its exact size, from the documents'
   * own words, instead of growing hundreds of thousands of small arrays one document at a time.
   */
  compact(): void {
    if (this.postingsDeferred) {
      this.lexicon.buildPostings(this.termStart.view(), this.termIds.view());
      this.postingsDeferred = false;
    }
    const columns = [
      this.bookIds,
      this.alive,
      this.demand,
      this.popularity,
      this.price,
      this.year,
      this.combination,
      this.titles,
      this.lowerTitleLength,
      this.termStart,
      this.termIds,
      this.termWeights,
      this.authorStart,
      this.authorSlots,
      ...this.categoryDocs.values(),
    ];
    for (const column of columns) column.compact();
    this.stored.compact();
    this.lexicon.compact();
  }

  /** Books in the index now. */
  get size(): number {
    return this.docOf.size;
  }

  /** Document numbers ever given, the gone ones included. */
  get documents(): number {
    return this.bookIds.length;
  }

  has(bookId: number): boolean {
    return this.docOf.has(bookId);
  }

  bookIdsBetween(low: number, high: number): number[] {
    return this.docOf.idsBetween(low, high);
  }

  upsert(book: IndexedBook): void {
    const doc = this.docOf.get(book.id);
    if (doc !== undefined && this.sameGrouping(doc, book)) {
      this.writeColumns(doc, book);
      return;
    }
    if (doc !== undefined) this.remove(book.id);
    this.append(book);
  }

  remove(bookId: number): void {
    const doc = this.docOf.get(bookId);
    if (doc === undefined) return;
    this.alive.data[doc] = 0;
    this.docOf.delete(bookId);
    this.version++;
  }

  /** The documents that match every word (the last as a prefix) and the filter, in document order. */
  match(text: TextQuery | null, filter: BookFilter): Int32Array {
    const alive = this.alive.data;
    const test = this.filterConditions(filter, alive);
    if (!test) return EMPTY;
    const keep = test === ALIVE ? null : test;
    if (!text) return this.browse(filter, keep ?? ((doc) => alive[doc] === 1));

    const conditions: DocSet[] = [];
    // A category's own list: when it is the shortest, it drives the intersection, and the rest of the filter tests fewer books.
    if (filter.categoryIds?.length) conditions.push(this.docsInCategories(filter.categoryIds));
    for (const word of new Set(text.words.slice(0, -1))) {
      const term = this.lexicon.idOf(word);
      if (term === undefined) return EMPTY;
      conditions.push(this.docsOfTerm(term));
    }
    const prefixTerms = this.termsWithPrefix(text.words.at(-1)!);
    if (prefixTerms.length === 0) return EMPTY;
    const current = (doc: number) => (keep ? keep(doc) : alive[doc] === 1);
    const prefixBooks = prefixTerms.reduce((sum, term) => sum + this.lexicon.postings[term]!.length, 0);
    const fewestBooks = Math.min(...conditions.map((set) => set.size));
    if (prefixTerms.length > 1 && fewestBooks * TERMS_PER_BOOK < prefixBooks) {
      // A short prefix stands for many words: looking for them in the few candidates' own words is cheaper than their union.
      const marks = this.lexicon.mark(prefixTerms);
      const starts = this.termStart.data;
      const ids = this.termIds.data;
      const holdsPrefix = (doc: number) => {
        for (let j = starts[doc]!; j < starts[doc + 1]!; j++) if (marks[ids[j]!] === 1) return true;
        return false;
      };
      try {
        return intersect(conditions, this.documents, (doc) => holdsPrefix(doc) && current(doc), null, this.matchScratch());
      } finally {
        for (const term of prefixTerms) marks[term] = 0;
      }
    }
    // One word, nothing else asked, no book gone: its posting list is the answer as it stands (read, never written).
    if (conditions.length === 0 && prefixTerms.length === 1 && keep === null && this.size === this.documents) {
      return this.lexicon.postings[prefixTerms[0]!]!.view();
    }
    conditions.push(prefixTerms.length === 1 ? this.docsOfTerm(prefixTerms[0]!) : this.docsOfTerms(prefixTerms));
    return intersect(conditions, this.documents, current, keep === null ? alive : null, this.matchScratch());
  }

  /** The documents of any of these categories (current or not), ascending. */
  private docsInCategories(categoryIds: readonly number[]): { list: Int32Array; size: number } {
    const list = unionOf(
      categoryIds.map((id) => this.categoryDocs.get(id)?.view() ?? EMPTY),
      this.documents,
    );
    return { list, size: list.length };
  }

  /** A term's documents: a bit set when the term is common (tested in one step), else its posting list. */
  private docsOfTerm(term: number): DocSet {
    const postings = this.lexicon.postings[term]!;
    if (postings.length < this.denseThreshold()) return { list: postings.view(), size: postings.length };
    let dense = this.denseTerms.get(term);
    const words = bitWords(this.documents);
    if (!dense || dense.bits.length < words) {
      const bits = new Int32Array(bitWords(this.documents * 2));
      if (dense) bits.set(dense.bits);
      dense = { bits, covered: dense?.covered ?? 0 };
      this.denseTerms.set(term, dense);
    }
    const docs = postings.data;
    for (let i = dense.covered; i < postings.length; i++) dense.bits[docs[i]! >>> 5]! |= 1 << (docs[i]! & 31);
    dense.covered = postings.length;
    return { bits: dense.bits, size: postings.length };
  }

  /** The documents of any of several terms (every word a prefix stands for). */
  private docsOfTerms(terms: readonly number[]): DocSet {
    const total = terms.reduce((sum, term) => sum + this.lexicon.postings[term]!.length, 0);
    if (total < this.denseThreshold())
      return {
        list: unionOf(
          terms.map((term) => this.lexicon.postings[term]!.view()),
          this.documents,
        ),
        size: total,
      };
    const bits = this.unionScratch();
    for (const term of terms) {
      const set = this.docsOfTerm(term);
      if (set.bits) {
        for (let w = 0; w < bits.length; w++) bits[w]! |= set.bits[w]!;
      } else {
        for (let i = 0; i < set.list.length; i++) bits[set.list[i]! >>> 5]! |= 1 << (set.list[i]! & 31);
      }
    }
    return { bits, size: total };
  }

  private denseThreshold(): number {
    return Math.max(DENSE_MIN_DOCUMENTS, this.documents / DENSE_SHARE);
  }

  /** Words of the lexicon that start with `prefix` (the word itself included). */
  termsWithPrefix(prefix: string): number[] {
    return this.lexicon.withPrefix(prefix);
  }

  /** The words of the lexicon with this many letters (for spelling correction). */
  termsOfLength(length: number): readonly string[] {
    return this.lexicon.ofLength(length);
  }

  /** How many documents hold the word (those since changed included: a measure of how common it is). */
  booksWithTerm(word: string): number {
    return this.lexicon.books(word);
  }

  termOf(word: string): number | undefined {
    return this.lexicon.idOf(word);
  }

  /** The weight (0 = D … 3 = A) with which a document holds a term, or -1. */
  weightOf(doc: number, term: number): number {
    const ids = this.termIds.data;
    for (let j = this.termStart.data[doc]!; j < this.termStart.data[doc + 1]!; j++) if (ids[j] === term) return this.termWeights.data[j]!;
    return -1;
  }

  /**
   * Room for every document number: matches are gathered here, then copied out at their size, so a
   * search allocates only what it keeps. Searches run one at a time on the event loop, so one serves all.
   */
  private matchScratch(): Int32Array {
    if (this.matchBuffer.length < this.documents) this.matchBuffer = new Int32Array(this.documents * 2);
    return this.matchBuffer;
  }

  /** A zeroed bit set over every document, for a prefix's union (used and given back within one match). */
  private unionScratch(): Int32Array {
    const words = bitWords(this.documents);
    if (this.unionBuffer.length < words) this.unionBuffer = new Int32Array(words * 2);
    else this.unionBuffer.fill(0);
    return this.unionBuffer;
  }

  /**
   * Zeroed counters, one per author, for counting facets. Searches run one at a time on the event loop,
   * so one array serves them all; whoever counts in it sets the counters it used back to zero.
   */
  authorCounts(): Int32Array {
    if (this.authorCountScratch.length < this.authorIds.length) this.authorCountScratch = new Int32Array(this.authorIds.length * 2);
    return this.authorCountScratch;
  }

  /** Room for every author slot, for listing the authors a count touched. */
  authorsSeenScratch(): Int32Array {
    if (this.authorSeenBuffer.length < this.authorIds.length) this.authorSeenBuffer = new Int32Array(this.authorIds.length * 2);
    return this.authorSeenBuffer;
  }

  private browse(filter: BookFilter, accepts: (doc: number) => boolean): Int32Array {
    let candidates: Int32Array | null = null;
    if (filter.categoryIds?.length) {
      candidates = this.docsInCategories(filter.categoryIds).list;
    } else if (filter.authorIds?.length) {
      const slots = filter.authorIds.map((id) => this.authorSlotOf.get(id)).filter((slot) => slot !== undefined);
      const { start, docs } = this.booksByAuthor();
      candidates = unionOf(
        slots.map((slot) => docs.subarray(start[slot]!, start[slot + 1]!)),
        this.documents,
      );
    }
    const total = candidates ? candidates.length : this.documents;
    const matched = this.matchScratch();
    let count = 0;
    for (let i = 0; i < total; i++) {
      const doc = candidates ? candidates[i]! : i;
      if (accepts(doc)) matched[count++] = doc;
    }
    return matched.slice(0, count);
  }

  /**
   * A test per document for the filter (and for being current), null when nothing can pass it, or
   * ALIVE when nothing but being current is asked for (so the caller can test that inline).
   */
  private filterConditions(filter: BookFilter, alive: Uint8Array): ((doc: number) => boolean) | null {
    const combination = this.combination.data;
    const facetWords = this.facetWords;
    const price = this.price.data;
    const year = this.year.data;
    const { authorStart, authorSlots } = this;
    const slotsOf = (keys: readonly (number | string)[] | null | undefined, slots: Map<number | string, number>) =>
      keys?.length ? new Set(keys.map((key) => slots.get(key)).filter((slot) => slot !== undefined)) : null;
    const categories = slotsOf(filter.categoryIds, this.categorySlot as Map<number | string, number>);
    const languages = slotsOf(filter.languages, this.languageSlot as Map<number | string, number>);
    const authors = slotsOf(filter.authorIds, this.authorSlotOf as Map<number | string, number>);
    if (categories?.size === 0 || languages?.size === 0 || authors?.size === 0) return null;
    const min = filter.minPriceCents ?? null;
    const max = filter.maxPriceCents ?? null;
    const from = filter.yearFrom ?? null;
    const to = filter.yearTo ?? null;
    const stockOnly = filter.inStockOnly ?? false;
    const hasAuthor = (doc: number) => {
      for (let j = authorStart.data[doc]!; j < authorStart.data[doc + 1]!; j++) if (authors!.has(authorSlots.data[j]!)) return true;
      return false;
    };
    const unfiltered = !categories && !languages && !authors && min === null && max === null && from === null && to === null && !stockOnly;
    if (unfiltered) return ALIVE;
    // NaN stands for a missing price or year: every comparison with it is false, as with NULL in SQL.
    return (doc) =>
      alive[doc] === 1 &&
      (categories === null || categories.has(facetBits.category(facetWords[combination[doc]!]!))) &&
      (languages === null || languages.has(facetBits.language(facetWords[combination[doc]!]!))) &&
      (min === null || price[doc]! >= min) &&
      (max === null || price[doc]! <= max) &&
      (!stockOnly || facetBits.inStock(facetWords[combination[doc]!]!) === 1) &&
      (from === null || year[doc]! >= from) &&
      (to === null || year[doc]! <= to) &&
      (authors === null || hasAuthor(doc));
  }

  private sameGrouping(doc: number, book: IndexedBook): boolean {
    const category = facetBits.category(this.facetWords[this.combination.data[doc]!]!);
    if (this.titleOf(doc) !== book.title || (category < 0 ? null : this.categoryIds[category]) !== book.categoryId) return false;
    if (!this.stored.sameText(doc, book)) return false;
    const authorsFrom = this.authorStart.data[doc]!;
    const authorsTo = this.authorStart.data[doc + 1]!;
    if (authorsTo - authorsFrom !== book.authorIds.length) return false;
    for (let j = authorsFrom; j < authorsTo; j++) if (this.authorIds[this.authorSlots.data[j]!] !== book.authorIds[j - authorsFrom]) return false;
    const from = this.termStart.data[doc]!;
    const to = this.termStart.data[doc + 1]!;
    if (to - from !== book.lexemes.size) return false;
    for (let j = from; j < to; j++) {
      if (book.lexemes.get(this.lexicon.words[this.termIds.data[j]!]!) !== this.termWeights.data[j]) return false;
    }
    return true;
  }

  private append(book: IndexedBook): void {
    const doc = this.bookIds.length;
    this.bookIds.push(book.id);
    this.alive.push(1);
    this.titles.push(book.title);
    this.stored.append(book);
    this.lowerTitleLength.push(Math.min(book.title.toLowerCase().length, 0xffff));
    for (const column of [this.demand, this.popularity, this.price, this.year, this.combination]) column.push(0);
    this.writeColumns(doc, book);
    for (const [lexeme, weight] of book.lexemes) {
      const term = this.lexicon.add(lexeme);
      this.termIds.push(term);
      this.termWeights.push(weight);
      if (!this.postingsDeferred) this.lexicon.postings[term]!.push(doc);
    }
    this.termStart.push(this.termIds.length);
    for (const authorId of book.authorIds) {
      const slot = this.authorSlotFor(authorId);
      this.authorSlots.push(slot);
    }
    this.authorStart.push(this.authorSlots.length);
    if (book.categoryId !== null) {
      let docs = this.categoryDocs.get(book.categoryId);
      if (!docs) this.categoryDocs.set(book.categoryId, (docs = ints(1024)));
      docs.push(doc);
    }
    this.docOf.set(book.id, doc);
    this.docOfIsbn.set(doc);
    this.version++;
  }

  private writeColumns(doc: number, book: IndexedBook): void {
    this.demand.data[doc] = book.demandScore;
    this.popularity.data[doc] = Math.log1p(Math.max(0, book.demandScore));
    this.price.data[doc] = book.priceCents ?? Number.NaN;
    this.year.data[doc] = book.publishedYear ?? Number.NaN;
    this.stored.write(doc, book);
    const category = book.categoryId === null ? 0 : this.categorySlotFor(book.categoryId) + 1;
    const language = book.language === null ? 0 : this.languageSlotFor(book.language);
    const bucket = book.priceCents === null ? facetBits.NO_PRICE : priceBucketOf(book.priceCents);
    const word = category | (language << 16) | ((book.inStock ? 1 : 0) << 24) | (bucket << 25);
    let combination = this.combinationOf.get(word);
    if (combination === undefined) {
      combination = this.facetWords.length;
      this.combinationOf.set(word, combination);
      this.facetWords.push(word);
    }
    this.combination.data[doc] = combination;
  }

  private categorySlotFor(categoryId: number): number {
    return slotFor(this.categorySlot, this.categoryIds, categoryId, MAX_CATEGORY_SLOTS, 'categories');
  }

  private authorSlotFor(authorId: number): number {
    return slotFor(this.authorSlotOf, this.authorIds, authorId);
  }

  private languageSlotFor(code: string): number {
    return slotFor(this.languageSlot, this.languages, code, MAX_LANGUAGE_SLOTS + 1, 'languages');
  }
}
