import type { BookIndex } from './book-index.js';

const MIN_CORRECTABLE_LENGTH = 3;

/** Typos allowed in a word: one up to four letters, two beyond (as search engines with typo tolerance do). */
const typosAllowed = (word: string) => (word.length <= 4 ? 1 : 2);

/**
 * Replaces each unknown word with the closest word of the catalogue: fewest typos (a letter missing,
 * extra, changed, or two swapped), then the same first letter, then the word in more books. The last
 * word stays as typed when some word starts with it, since it may be a prefix still being typed.
 * Returns null when nothing needed correcting or some word has nothing close.
 */
export function correctWords(index: BookIndex, words: readonly string[]): string[] | null {
  const corrected: string[] = [];
  for (const [position, word] of words.entries()) {
    const isLast = position === words.length - 1;
    if (index.termOf(word) !== undefined || word.length < MIN_CORRECTABLE_LENGTH || (isLast && index.termsWithPrefix(word).length > 0)) {
      corrected.push(word);
      continue;
    }
    const closest = closestTerm(index, word);
    if (closest === null) return null;
    corrected.push(closest);
  }
  return corrected.every((word, i) => word === words[i]) ? null : corrected;
}

function closestTerm(index: BookIndex, word: string): string | null {
  const limit = typosAllowed(word);
  let best: { term: string; distance: number; otherStart: number; books: number } | null = null;
  for (let length = word.length - limit; length <= word.length + limit; length++) {
    for (const term of index.termsOfLength(length)) {
      const distance = typoDistance(word, term, limit);
      if (distance > limit) continue;
      const candidate = { term, distance, otherStart: term[0] === word[0] ? 0 : 1, books: index.booksWithTerm(term) };
      if (!best || better(candidate, best)) best = candidate;
    }
  }
  return best?.term ?? null;
}

function better(a: { term: string; distance: number; otherStart: number; books: number }, b: typeof a): boolean {
  if (a.distance !== b.distance) return a.distance < b.distance;
  if (a.otherStart !== b.otherStart) return a.otherStart < b.otherStart;
  if (a.books !== b.books) return a.books > b.books;
  return a.term < b.term;
}

/** Optimal string alignment distance (Levenshtein with swaps of neighbours), or limit + 1 once it must exceed it. */
export function typoDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowBest = current[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2]! + 1);
      current[j] = value;
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > limit) return limit + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length]!;
}
