import { describe, expect, it } from 'vitest';
import { BookIndex, type IndexedBook } from '../../src/search/book-index.js';
import { DocumentTable } from '../../src/search/columns.js';
import { textQueryOf } from '../../src/search/query.js';
import { Random } from '../../src/seed/random.js';
import { indexedBook } from '../helpers/indexed-book.js';

const WORDS = ['love', 'lover', 'lovely', 'war', 'ward', 'peace', 'night', 'nights', 'river', 'rivers', 'stone', 'sea', 'secret', 'garden', 'gardens'];

function books(count: number, seed: number): IndexedBook[] {
  const random = new Random(seed);
  return Array.from({ length: count }, (_, i) => {
    const words = new Set(Array.from({ length: random.int(1, 5) }, () => random.pick(WORDS)));
    return indexedBook({
      id: i + 1,
      lexemes: new Map([...words].map((word) => [word, random.int(0, 3)])),
      title: [...words].join(' '),
      authorIds: [random.int(1, 40)],
      categoryId: random.int(1, 6),
      language: random.pick(['en', 'fr']),
      priceCents: random.int(500, 4_000),
      inStock: random.chance(0.7),
      publishedYear: random.int(1950, 2025),
      demandScore: random.int(0, 1_000),
    });
  });
}

/** Every word, every prefix of it and every pair: what a search can ask of the index. */
function queries(): string[][] {
  const prefixes = WORDS.flatMap((word) => Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1)));
  const pairs = WORDS.flatMap((first) => ['lo', 'war', 'gard', 'se'].map((second) => [first, second]));
  return [...prefixes.map((prefix) => [prefix]), ...pairs];
}

describe('a search index read whole in bulk', () => {
  it('matches exactly what one built a book at a time matches, before and after later changes', () => {
    const catalogue = books(3_000, 5);
    const oneByOne = new BookIndex();
    const bulk = new BookIndex({ bulk: true });
    for (const book of catalogue) {
      oneByOne.upsert(book);
      bulk.upsert(book);
    }
    bulk.compact();
    const same = () => {
      for (const words of queries()) {
        for (const filter of [{}, { inStockOnly: true, languages: ['en'] }]) {
          expect({ words, filter, docs: [...bulk.match(textQueryOf(words), filter)] }).toEqual({
            words,
            filter,
            docs: [...oneByOne.match(textQueryOf(words), filter)],
          });
        }
      }
    };
    same();
    // After the read, the compacted arrays grow again as books come, change and go.
    for (const index of [oneByOne, bulk]) {
      index.upsert({ ...catalogue[10]!, lexemes: new Map([['secret', 3]]), title: 'Secret' });
      index.upsert({
        ...catalogue[0]!,
        id: 5_000,
        title: 'Night Garden',
        lexemes: new Map([
          ['night', 3],
          ['garden', 3],
        ]),
      });
      index.remove(catalogue[20]!.id);
    }
    same();
  });
});

describe('book id to document number', () => {
  it('keeps small ids in a table and far ones in a map, with the same answers', () => {
    const table = new DocumentTable();
    const reference = new Map<number, number>();
    const random = new Random(9);
    for (let step = 0; step < 20_000; step++) {
      const id = random.chance(0.05) ? random.int(1, 2 ** 40) : random.int(1, 50_000);
      if (random.chance(0.3)) {
        table.delete(id);
        reference.delete(id);
      } else {
        table.set(id, step);
        reference.set(id, step);
      }
    }
    expect(table.size).toBe(reference.size);
    for (const [id, doc] of reference) expect(table.get(id)).toBe(doc);
    expect(table.idsBetween(100, 5_000)).toEqual([...reference.keys()].filter((id) => id >= 100 && id <= 5_000).sort((a, b) => a - b));
  });
});

describe('ISBN to document', () => {
  it('finds the current book of every ISBN, through regrouping, removal and a book read again under another id', () => {
    const random = new Random(17);
    const isbnOf = new Map<number, string>();
    const randomIsbn = () => String(random.pick([978, 979]) * 10 ** 10 + random.int(0, 10 ** 10 - 1));
    const catalogue = books(3_000, 11).map((book) => {
      const isbn13 = randomIsbn();
      isbnOf.set(book.id, isbn13);
      return { ...book, isbn13 };
    });
    const bulk = new BookIndex({ bulk: true });
    for (const book of catalogue) bulk.upsert(book);
    bulk.compact();
    /** The book id each ISBN should find (absent: none). */
    const expected = new Map(catalogue.map((book) => [book.isbn13, book.id]));
    let nextId = 10_000;
    for (let step = 0; step < 2_000; step++) {
      const book = random.pick(catalogue);
      const current = expected.get(book.isbn13) === book.id;
      const roll = random.int(0, 3);
      if (roll === 0) {
        // Regrouped: a new document for the same book.
        bulk.upsert({ ...book, title: `${book.title} ${step}` });
        expected.set(book.isbn13, book.id);
      } else if (roll === 1 && current) {
        bulk.remove(book.id);
        expected.delete(book.isbn13);
      } else if (roll === 2 && current) {
        // The book gone, and its ISBN listed again under a new id.
        bulk.remove(book.id);
        const again = { ...book, id: nextId++ };
        bulk.upsert(again);
        catalogue.push(again);
        expected.set(book.isbn13, again.id);
      } else if (current) {
        bulk.upsert({ ...book, priceCents: random.int(100, 900) });
      }
    }
    for (const book of catalogue) {
      const doc = bulk.docOfIsbn13(book.isbn13);
      expect({ isbn13: book.isbn13, id: doc === undefined ? undefined : bulk.rowOf(doc).id }).toEqual({ isbn13: book.isbn13, id: expected.get(book.isbn13) });
    }
    expect(bulk.docOfIsbn13(randomIsbn())).toBeUndefined();
  });

  it('gives a book whose ISBN changed a new document, found by the new ISBN only', () => {
    const index = new BookIndex();
    const book = indexedBook({ id: 1, title: 'Renumbered', lexemes: new Map([['renumbered', 3]]), isbn13: '9780000000017' });
    index.upsert(book);
    index.upsert({ ...book, isbn13: '9780000000024' });
    expect(index.docOfIsbn13('9780000000017')).toBeUndefined();
    expect(index.rowOf(index.docOfIsbn13('9780000000024')!).isbn13).toBe('9780000000024');
  });
});
