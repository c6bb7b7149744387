import type { BookFormat } from '../db/database.js';
import { authorName, inventTitle, publisherName } from '../seed/catalog-generator.js';
import { CURATED_WORKS } from '../seed/demo-books.js';
import { Random } from '../seed/random.js';
import { CATEGORIES, FORMATS, LANGUAGES, SUBTITLES } from '../seed/vocabulary.js';
import { hashUnit, type StoreProfile } from './stores.js';

/** What a bookstore's API says about a book, besides its price. */
export interface BookMetadata {
  title: string;
  subtitle: string | null;
  authors: string[];
  publisher: string | null;
  year: number | null;
  language: string | null;
  format: BookFormat;
}

/** ISBN bodies from here up (978/979 prefixes) are where generated catalogues live: every one is in print. */
const GENERATED_BLOCKS_FROM = 600_000_000;
/** Elsewhere, the share of valid ISBNs that are in print; the rest are unassigned or out of print. */
const IN_PRINT_ELSEWHERE = 0.75;
const FICTION_CATEGORIES = 14;

const CURATED = new Map<string, BookMetadata>(
  CURATED_WORKS.flatMap((work) =>
    work.editions.map((edition) => [
      edition.isbn13,
      {
        title: work.title,
        subtitle: work.subtitle ?? null,
        authors: work.authors,
        publisher: work.publisher,
        year: edition.year,
        language: work.language,
        format: edition.format,
      },
    ]),
  ),
);

/**
 * The books of the partner world: well-known curated titles, the generated catalogue blocks (with far
 * more titles than any one Folio catalogue lists), three in four ISBNs elsewhere, and books an admin has
 * introduced at chosen stores. A store carries a book in print with the chance of its coverage.
 */
export class BookWorld {
  /** Books known only through the admin API, with the stores that carry them. */
  private readonly introduced = new Map<string, { metadata: BookMetadata; stores: Set<string> }>();

  constructor(private readonly seed: number) {}

  carries(store: StoreProfile, isbn13: string): boolean {
    const introduced = this.introduced.get(isbn13);
    if (introduced) return introduced.stores.has(store.slug);
    return inPrint(isbn13) && hashUnit(this.seed, 'carries', store.slug, isbn13) < store.coverage;
  }

  metadata(isbn13: string): BookMetadata {
    return this.introduced.get(isbn13)?.metadata ?? CURATED.get(isbn13) ?? inventMetadata(isbn13);
  }

  /** A store now carries the book; with metadata, the book is (re)described for every store. */
  introduce(store: StoreProfile, isbn13: string, metadata: Partial<BookMetadata> | null): void {
    const known = this.introduced.get(isbn13);
    if (known) {
      known.stores.add(store.slug);
      if (metadata) known.metadata = { ...known.metadata, ...metadata };
    } else if (metadata) {
      const blank: BookMetadata = {
        title: this.metadata(isbn13).title,
        subtitle: null,
        authors: [],
        publisher: null,
        year: null,
        language: null,
        format: 'PAPERBACK',
      };
      this.introduced.set(isbn13, { metadata: { ...blank, ...metadata }, stores: new Set([store.slug]) });
    }
  }

  clear(): void {
    this.introduced.clear();
  }
}

export function inPrint(isbn13: string): boolean {
  if (CURATED.has(isbn13)) return true;
  const body = Number(isbn13.slice(3, 12));
  if (body >= GENERATED_BLOCKS_FROM) return true;
  return hashUnit('in-print', isbn13) < IN_PRINT_ELSEWHERE;
}

/** The same description for an ISBN every time, in the catalogue generator's style. */
function inventMetadata(isbn13: string): BookMetadata {
  const random = new Random(Math.floor(hashUnit('metadata', isbn13) * 2 ** 32));
  const fiction = random.int(0, CATEGORIES.length - 1) < FICTION_CATEGORIES;
  const authorCount = random.weighted([
    [1, 80],
    [2, 16],
    [3, 4],
  ] as const);
  return {
    title: inventTitle(random, fiction),
    subtitle: random.chance(0.3) ? random.pick(SUBTITLES) : null,
    authors: Array.from({ length: authorCount }, () => authorName(random)),
    publisher: publisherName(random.int(0, 5_000)),
    year: random.chance(0.7) ? random.int(1995, 2026) : random.int(1900, 1994),
    language: random.weighted(LANGUAGES),
    format: random.pick(FORMATS),
  };
}
