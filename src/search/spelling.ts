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

/** Three rows of the distance table, reused: a correction compares a word with thousands of terms. */
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/**
 * Optimal string alignment distance (Levenshtein with swaps of neighbours), or limit + 1 once it must exceed it.
 * Only cells within `limit` of the diagonal are filled: any path through the others costs more than the limit.
 */
export function typoDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const beyond = limit + 1;
  if (rows[0]!.length <= b.length + 1) rows = rows.map(() => new Int32Array((b.length + 1) * 2));
  let [beforePrevious, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j++) previous[j] = Math.min(j, beyond);
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    // Cells just outside the band read as "beyond the limit".
    current[from - 1] = from === 1 ? Math.min(i, beyond) : beyond;
    if (to < b.length) current[to + 1] = beyond;
    let rowBest = from === 1 ? current[0]! : beyond;
    const letter = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = letter === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && letter === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) value = Math.min(value, beforePrevious[j - 2]! + 1);
      current[j] = Math.min(value, beyond);
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > limit) return beyond;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length]!;
}
