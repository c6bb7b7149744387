import { type Column, ints } from './columns.js';

/** The index's words: each word's number, its posting list (documents in order), and ways to look words up. */
export class Lexicon {
  readonly words: string[] = [];
  readonly postings: Column<Int32Array>[] = [];
  private readonly ids = new Map<string, number>();
  private sorted: string[] = [];
  private unsorted: string[] = [];
  private byLength = new Map<number, string[]>();
  private byLengthFor = -1;
  private marks = new Uint8Array(0);

  idOf(word: string): number | undefined {
    return this.ids.get(word);
  }

  /** The word's number, given on first sight with an empty posting list. */
  add(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
      this.postings.push(ints(1));
      this.unsorted.push(word);
    }
    return id;
  }

  /** Cuts every posting list to what it holds. */
  compact(): void {
    for (const postings of this.postings) postings.compact();
  }

  /** Every posting list anew from the documents' words (document d's are termIds[termStart[d] .. termStart[d + 1])). */
  buildPostings(termStart: Int32Array, termIds: Int32Array): void {
    const counts = new Int32Array(this.words.length);
    for (let j = 0; j < termIds.length; j++) counts[termIds[j]!]!++;
    for (let term = 0; term < this.words.length; term++) this.postings[term] = ints(Math.max(counts[term]!, 1));
    for (let doc = 0; doc + 1 < termStart.length; doc++) {
      for (let j = termStart[doc]!; j < termStart[doc + 1]!; j++) this.postings[termIds[j]!]!.push(doc);
    }
  }

  /** How many documents hold the word (those since changed included: a measure of how common it is). */
  books(word: string): number {
    const id = this.ids.get(word);
    return id === undefined ? 0 : this.postings[id]!.length;
  }

  /** Words that start with `prefix` (the word itself included). */
  withPrefix(prefix: string): number[] {
    const sorted = this.sortedWords();
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    const found: number[] = [];
    for (let i = low; i < sorted.length && sorted[i]!.startsWith(prefix); i++) found.push(this.ids.get(sorted[i]!)!);
    return found;
  }

  /** The words with this many letters (for spelling correction). */
  ofLength(length: number): readonly string[] {
    if (this.byLengthFor !== this.words.length) {
      this.byLength = new Map();
      for (const word of this.words) {
        const bucket = this.byLength.get(word.length);
        if (bucket) bucket.push(word);
        else this.byLength.set(word.length, [word]);
      }
      this.byLengthFor = this.words.length;
    }
    return this.byLength.get(length) ?? [];
  }

  /** Marks by word number; the caller sets these words' marks back to zero when done. */
  mark(ids: readonly number[]): Uint8Array {
    if (this.marks.length < this.words.length) this.marks = new Uint8Array(this.words.length * 2);
    for (const id of ids) this.marks[id] = 1;
    return this.marks;
  }

  /** The words in code-unit order for prefix look-ups; a few new words are put in place, many re-sort them. */
  private sortedWords(): string[] {
    if (this.unsorted.length > 1_000) {
      this.sorted = [...this.words].sort();
    } else {
      for (const word of this.unsorted) {
        let low = 0;
        let high = this.sorted.length;
        while (low < high) {
          const mid = (low + high) >> 1;
          if (this.sorted[mid]! < word) low = mid + 1;
          else high = mid;
        }
        this.sorted.splice(low, 0, word);
      }
    }
    this.unsorted = [];
    return this.sorted;
  }
}
