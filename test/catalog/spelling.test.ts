import { describe, expect, it } from 'vitest';
import { BookIndex } from '../../src/search/book-index.js';
import { correctWords, typoDistance } from '../../src/search/spelling.js';
import { indexedBook } from '../helpers/indexed-book.js';
import { Random } from '../../src/seed/random.js';

/** Optimal string alignment distance over the whole table, the plain way. */
function wholeTable(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('typo distance', () => {
  it.each([
    ['history', 'history', 0],
    ['hitory', 'history', 1],
    ['histroy', 'history', 1],
    ['hsitory', 'history', 1],
    ['historyy', 'history', 1],
    ['hstroy', 'history', 2],
    ['abc', 'xyz', 3],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(typoDistance(a, b, 3)).toBe(distance);
  });

  it('stops counting past the limit', () => {
    expect(typoDistance('completely', 'different', 2)).toBe(3);
  });

  it('agrees with the whole table on words of every length, near and far', () => {
    const random = new Random(5);
    const word = () => Array.from({ length: random.int(1, 12) }, () => 'abcde'[random.int(0, 4)]).join('');
    for (let n = 0; n < 3_000; n++) {
      const a = word();
      const b = random.chance(0.5) ? word() : a.slice(0, random.int(0, a.length)) + word().slice(0, 2) + a.slice(random.int(0, a.length));
      const limit = random.int(1, 3);
      expect({ a, b, limit, distance: typoDistance(a, b, limit) }).toEqual({ a, b, limit, distance: Math.min(wholeTable(a, b), limit + 1) });
    }
  });
});

describe('correcting words against the catalogue', () => {
  const index = new BookIndex();
  const book = (id: number, title: string, words: string[]) => index.upsert(indexedBook({ id, title, lexemes: new Map(words.map((w) => [w, 3])) }));
  book(1, 'Harry Potter', ['harry', 'potter']);
  for (let id = 2; id < 10; id++) book(id, 'Mary', ['mary']);
  book(10, 'Love', ['love']);

  it('prefers the word with the same first letter, then the more common one', () => {
    expect(correctWords(index, ['hary', 'poter'])).toEqual(['harry', 'potter']);
  });

  it('keeps a last word that starts some word (it is still being typed), and known words', () => {
    expect(correctWords(index, ['harry', 'pot'])).toBeNull();
  });

  it('gives up when some word has nothing close enough', () => {
    expect(correctWords(index, ['hary', 'zzzzzz'])).toBeNull();
    expect(correctWords(index, ['lxyz'])).toBeNull();
  });
});
