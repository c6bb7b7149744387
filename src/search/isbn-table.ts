/**
 * The document of each ISBN-13, for serving a book page from the index: an open-addressing table of
 * document numbers keyed by the ISBN as a number (13 digits are exact in a double). It stores no keys
 * of its own: a slot's key is read from the document it names (the index stores every ISBN already),
 * which keeps a million books in 8 MB where a Map of strings would take about ten times that.
 *
 * Documents are only ever added. A book given a new document (regrouped, or removed and read again)
 * takes over its ISBN's slot; one removed for good leaves its slot naming a gone document, which the
 * caller tells by the index's `alive` column.
 */
export class IsbnTable {
  /** Document number + 1 per slot (0: empty). */
  private slots = new Int32Array(1024);
  private used = 0;

  constructor(private readonly isbnOf: (doc: number) => number) {}

  /** The latest document given this ISBN (current or gone). */
  get(isbn13: number): number | undefined {
    const mask = this.slots.length - 1;
    for (let slot = hash(isbn13) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held === 0) return undefined;
      if (this.isbnOf(held - 1) === isbn13) return held - 1;
    }
  }

  /** Gives the ISBN of document `doc` to that document (documents are set in the order they are made). */
  set(doc: number): void {
    // Half full at most: probes stay short, and there is always an empty slot to stop at.
    if ((this.used + 1) * 2 > this.slots.length) this.grow();
    this.place(doc);
  }

  private place(doc: number): void {
    const isbn13 = this.isbnOf(doc);
    const mask = this.slots.length - 1;
    for (let slot = hash(isbn13) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held === 0) {
        this.slots[slot] = doc + 1;
        this.used++;
        return;
      }
      if (this.isbnOf(held - 1) === isbn13) {
        this.slots[slot] = doc + 1;
        return;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.used = 0;
    // Each ISBN's slot holds its latest document only, so re-placing them keeps that document.
    for (const held of old) if (held !== 0) this.place(held - 1);
  }
}

/** Mixes both halves of the number: ISBNs of one publisher differ mostly in their middle digits. */
function hash(isbn13: number): number {
  const low = isbn13 % 0x1_0000_0000;
  const high = (isbn13 - low) / 0x1_0000_0000;
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}
