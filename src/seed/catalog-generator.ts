import type { BookFormat } from '../db/database.js';
import { makeIsbn13 } from '../lib/isbn.js';
import { describeWork } from './descriptions.js';
import { Random, ZipfSampler, zipfScore } from './random.js';
import {
  ADJECTIVES,
  CATEGORIES,
  FIRST_NAMES,
  FORMATS,
  LANGUAGES,
  LAST_NAMES,
  NOUNS,
  PLACES,
  PUBLISHER_SUFFIXES,
  PUBLISHER_WORDS,
  SUBTITLES,
  TOPICS,
} from './vocabulary.js';

export interface GeneratedBook {
  id: number;
  isbn13: string;
  workId: number;
  title: string;
  subtitle: string | null;
  authorIds: number[];
  authorNames: string;
  publisherId: number;
  publishedYear: number;
  language: string;
  categoryId: number;
  format: BookFormat;
  listPriceCents: number;
  demandScore: number;
  stock: GeneratedStock[];
}

export interface GeneratedStock {
  warehouseId: number;
  onHand: number;
  sold: number;
}

export interface GeneratedWork {
  id: number;
  title: string;
  description: string;
  books: GeneratedBook[];
}

export interface GeneratorPlan {
  seed: number;
  books: number;
  firstBookId: number;
  firstWorkId: number;
  authorIds: number[];
  authorNames: Map<number, string>;
  publisherIds: number[];
  categoryIds: number[];
  warehouseIds: number[];
  /** Offsets ISBN bodies so repeated loads never collide. */
  isbnOffset: number;
}

/**
 * Words are drawn with Zipf weights, as in real titles: a few words are everywhere, most are rare,
 * so a search for a typical word matches a few hundred books, not a tenth of the catalogue.
 */
const samplers = new Map<readonly string[], ZipfSampler>();

class Vocabulary {
  constructor(private readonly random: Random) {}

  private from(words: readonly string[]): string {
    let sampler = samplers.get(words);
    if (!sampler) {
      sampler = new ZipfSampler(words.length, words === TOPICS ? 0.5 : 0.7);
      samplers.set(words, sampler);
    }
    return words[sampler.sample(this.random) - 1]!;
  }

  noun = () => this.from(NOUNS);
  adjective = () => this.from(ADJECTIVES);
  place = () => this.from(PLACES);
  topic = () => this.from(TOPICS);
  person = () => `${this.from(FIRST_NAMES)} ${this.from(LAST_NAMES)}`;
}

const FICTION_TITLE_PATTERNS: ((v: Vocabulary) => string)[] = [
  (v) => `The ${v.adjective()} ${v.noun()}`,
  (v) => `The ${v.noun()} of ${v.place()}`,
  (v) => `${v.adjective()} ${v.noun()}`,
  (v) => `A ${v.noun()} in ${v.place()}`,
  (v) => `The ${v.noun()}'s ${v.noun()}`,
  (v) => `${v.noun()} and ${v.noun()}`,
  (v) => `The ${v.adjective()} ${v.noun()} of ${v.person()}`,
  (v) => `${v.adjective()} ${v.noun()}, ${v.adjective()} ${v.noun()}`,
];

const NONFICTION_TITLE_PATTERNS: ((v: Vocabulary) => string)[] = [
  (v) => `The Art of ${v.topic()}`,
  (v) => `${v.topic()} for Everyone`,
  (v) => `A Short History of ${v.topic()}`,
  (v) => `Thinking About ${v.topic()}`,
  (v) => `The ${v.adjective()} Science of ${v.topic()}`,
  (v) => `${v.topic()}: The ${v.adjective()} ${v.noun()}`,
  (v) => `${v.topic()} and the ${v.noun()}`,
  (v) => `${v.adjective()} ${v.topic()}`,
  (v) => `Understanding ${v.topic()}`,
  (v) => `A Guide to ${v.topic()}`,
  (v) => `${v.topic()} in Practice`,
  (v) => `The ${v.topic()} Handbook`,
  (v) => `On ${v.topic()} and ${v.topic()}`,
  (v) => `${v.topic()} in ${v.place()}`,
  (v) => `The ${v.noun()} of ${v.topic()}`,
  (v) => `${v.person()} on ${v.topic()}`,
  (v) => `${v.topic()}, ${v.adjective()} and ${v.adjective()}`,
  (v) => `Lessons in ${v.topic()}`,
];

/** A title as the catalogue would invent it: fiction reads like a novel, the rest like non-fiction. */
export function inventTitle(random: Random, fiction: boolean): string {
  return random.pick(fiction ? FICTION_TITLE_PATTERNS : NONFICTION_TITLE_PATTERNS)(new Vocabulary(random));
}

const EDITION_COUNTS: readonly (readonly [number, number])[] = [
  [1, 55],
  [2, 25],
  [3, 12],
  [4, 8],
];
const AUTHOR_COUNTS: readonly (readonly [number, number])[] = [
  [1, 75],
  [2, 18],
  [3, 5],
  [4, 2],
];
const PRICE_BY_FORMAT: Record<BookFormat, { median: number; min: number; max: number }> = {
  HARDCOVER: { median: 2800, min: 1299, max: 9999 },
  PAPERBACK: { median: 1400, min: 499, max: 5999 },
  EBOOK: { median: 899, min: 99, max: 2999 },
  AUDIOBOOK: { median: 2400, min: 799, max: 5999 },
};
const FORMAT_DEMAND: Record<BookFormat, number> = { HARDCOVER: 0.8, PAPERBACK: 1, EBOOK: 0.6, AUDIOBOOK: 0.4 };

export function authorName(random: Random): string {
  const middle = random.chance(0.25) ? ` ${String.fromCharCode(65 + random.int(0, 25))}.` : '';
  return `${random.pick(FIRST_NAMES)}${middle} ${random.pick(LAST_NAMES)}`;
}

/** Unique by id: word and suffix cycle through every pair, then the id disambiguates. */
export function publisherName(id: number): string {
  const word = PUBLISHER_WORDS[id % PUBLISHER_WORDS.length]!;
  const pairs = PUBLISHER_WORDS.length * PUBLISHER_SUFFIXES.length;
  const suffix = PUBLISHER_SUFFIXES[Math.floor(id / PUBLISHER_WORDS.length) % PUBLISHER_SUFFIXES.length]!;
  return id < pairs ? `${word} ${suffix}` : `${word} ${suffix} ${id}`;
}

/** Psychologically plausible prices: mostly x.99, never below the format's floor. */
function listPrice(random: Random, format: BookFormat): number {
  const { median, min, max } = PRICE_BY_FORMAT[format];
  const raw = Math.min(max, Math.max(min, random.logNormal(median, 0.45)));
  return Math.max(min, Math.round(raw / 100) * 100 - 1);
}

/** About a third of physical editions are in Folio's warehouses; many with only a few units, some sold out. */
function stockFor(random: Random, format: BookFormat, warehouseIds: number[]): GeneratedStock[] {
  if ((format !== 'HARDCOVER' && format !== 'PAPERBACK') || !random.chance(0.35)) return [];
  const count = random.chance(0.7) ? 1 : Math.min(2, warehouseIds.length);
  const start = random.int(0, warehouseIds.length - 1);
  return Array.from({ length: count }, (_, offset) => {
    const onHand = random.weighted<() => number>([
      [() => random.int(1, 5), 25],
      [() => Math.max(1, Math.round(random.logNormal(12, 0.6))), 60],
      [() => random.int(50, 300), 15],
    ])();
    const soldOut = random.chance(0.08);
    return {
      warehouseId: warehouseIds[(start + offset) % warehouseIds.length]!,
      onHand,
      sold: soldOut ? onHand : random.int(0, Math.floor(onHand / 3)),
    };
  });
}

function publishedYear(random: Random): number {
  return random.chance(0.7) ? random.int(1995, 2026) : random.int(1900, 1994);
}

/**
 * Yields works with their editions until `plan.books` books exist. Popularity follows Zipf over a
 * scrambled order of works, so ids do not predict demand.
 */
export function* generateWorks(plan: GeneratorPlan): Generator<GeneratedWork> {
  const random = new Random(plan.seed);
  // Flat enough that the most prolific author has about a thousandth of the catalogue, as in real ones.
  const authorPicker = new ZipfSampler(plan.authorIds.length, 0.5);
  const expectedWorks = Math.max(1, Math.ceil(plan.books / 1.73));
  let bookId = plan.firstBookId;
  let workId = plan.firstWorkId;
  let made = 0;
  let workIndex = 0;

  while (made < plan.books) {
    const categoryIndex = random.int(0, plan.categoryIds.length - 1);
    const fiction = categoryIndex < 14;
    const title = inventTitle(random, fiction);
    const subtitle = random.chance(0.3) ? random.pick(SUBTITLES) : null;
    const authorCount = random.weighted(AUTHOR_COUNTS);
    const authorIds = [...new Set(Array.from({ length: authorCount }, () => plan.authorIds[authorPicker.sample(random) - 1]!))];
    const authorNames = authorIds.map((id) => plan.authorNames.get(id) ?? '').join(', ');
    const popularityRank = ((workIndex * 7919) % expectedWorks) + 1;
    const demand = zipfScore(popularityRank);
    const language = random.weighted(LANGUAGES);
    const publisherId = random.pick(plan.publisherIds);
    const editionCount = Math.min(random.weighted(EDITION_COUNTS), plan.books - made);
    const formats = [...FORMATS].sort(() => random.next() - 0.5).slice(0, editionCount);
    const baseYear = publishedYear(random);

    const books = formats.map((format): GeneratedBook => {
      const id = bookId++;
      const prefix = random.chance(0.1) ? '979' : '978';
      return {
        id,
        isbn13: makeIsbn13(prefix, 600_000_000 + plan.isbnOffset + id),
        workId,
        title,
        subtitle,
        authorIds,
        authorNames,
        publisherId,
        publishedYear: Math.min(2026, baseYear + random.int(0, 3)),
        language,
        categoryId: plan.categoryIds[categoryIndex]!,
        format,
        listPriceCents: listPrice(random, format),
        demandScore: Math.round(demand * FORMAT_DEMAND[format] * 1000) / 1000,
        stock: stockFor(random, format, plan.warehouseIds),
      };
    });
    made += books.length;
    workIndex++;
    const category = CATEGORIES[categoryIndex] ?? 'Fiction';
    const description = describeWork({ seed: plan.seed ^ (workId * 2654435761), title, category, fiction, authorNames });
    yield { id: workId++, title, description, books };
  }
}
