import { describe, expect, it } from 'vitest';
import { BookIndex } from '../../src/search/book-index.js';
import { correctWords, typoDistance } from '../../src/search/spelling.js';
import { indexedBook } from '../helpers/indexed-book.js';

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
