type NumberArray = Int32Array | Float64Array | Float32Array | Uint16Array | Uint8Array;

/** A typed array that grows as values are appended: one column of the index, or one posting list. */
export class Column<A extends NumberArray> {
  data: A;
  length = 0;

  constructor(
    private readonly make: (size: number) => A,
    capacity = 4,
  ) {
    this.data = make(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = this.make(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** Makes room for `count` more values at once (then written into `data` past `length`). */
  reserve(count: number): void {
    if (this.length + count <= this.data.length) return;
    let size = Math.max(this.data.length * 2, 1);
    while (size < this.length + count) size *= 2;
    const grown = this.make(size);
    grown.set(this.view());
    this.data = grown;
  }

  view(): A {
    return this.data.subarray(0, this.length) as A;
  }

  /** Drops the room kept for growth (a later push grows it again). */
  compact(): void {
    if (this.data.length === this.length) return;
    const exact = this.make(Math.max(this.length, 1));
    exact.set(this.view());
    this.data = exact;
  }
}

export const ints = (capacity?: number) => new Column((size) => new Int32Array(size), capacity);
export const floats = (capacity?: number) => new Column((size) => new Float64Array(size), capacity);
export const singles = (capacity?: number) => new Column((size) => new Float32Array(size), capacity);
export const words16 = (capacity?: number) => new Column((size) => new Uint16Array(size), capacity);
export const bytes = (capacity?: number) => new Column((size) => new Uint8Array(size), capacity);

/**
 * Strings as UTF-8 in one byte column (string i is bytes[start[i] .. start[i + 1])): a million strings
 * would be a million objects for the garbage collector to visit. UTF-8 byte order is also PostgreSQL's
 * "C" collation, so strings can be ordered where they lie.
 */
export class Utf8Column {
  readonly bytes = bytes(1 << 16);
  readonly start = ints(1024);
  /** A Buffer over the bytes as they are now (made again once they have grown). */
  private buffer: Buffer | null = null;

  constructor() {
    this.start.push(0);
  }

  get length(): number {
    return this.start.length - 1;
  }

  push(text: string): void {
    const size = Buffer.byteLength(text, 'utf8');
    this.bytes.reserve(size);
    this.text().write(text, this.bytes.length, 'utf8');
    this.bytes.length += size;
    this.start.push(this.bytes.length);
  }

  at(index: number): string {
    return this.text().toString('utf8', this.start.data[index], this.start.data[index + 1]);
  }

  private text(): Buffer {
    const data = this.bytes.data;
    if (this.buffer?.buffer !== data.buffer) this.buffer = Buffer.from(data.buffer, data.byteOffset, data.length);
    return this.buffer;
  }

  compact(): void {
    this.bytes.compact();
    this.start.compact();
  }
}

/**
 * Keeps the first `limit` entries of a stream in some order without sorting the stream: a heap whose
 * root is the last entry kept, replaced whenever a better one arrives.
 */
export class TopEntries<E> {
  private readonly heap: E[] = [];

  constructor(
    private readonly limit: number,
    private readonly before: (a: E, b: E) => boolean,
  ) {}

  get full(): boolean {
    return this.heap.length >= this.limit;
  }

  /** The entry that would be dropped next: the last one kept. */
  get last(): E | undefined {
    return this.heap[0];
  }

  offer(entry: E): void {
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push(entry);
      this.siftUp(heap.length - 1);
    } else if (this.limit > 0 && this.before(entry, heap[0]!)) {
      heap[0] = entry;
      this.siftDown(0);
    }
  }

  sorted(): E[] {
    return [...this.heap].sort((a, b) => (this.before(a, b) ? -1 : this.before(b, a) ? 1 : 0));
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(heap[parent]!, heap[index]!)) return;
      [heap[parent], heap[index]] = [heap[index]!, heap[parent]!];
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let latest = index;
      if (left < heap.length && this.before(heap[latest]!, heap[left]!)) latest = left;
      if (right < heap.length && this.before(heap[latest]!, heap[right]!)) latest = right;
      if (latest === index) return;
      [heap[latest], heap[index]] = [heap[index]!, heap[latest]!];
      index = latest;
    }
  }
}

/**
 * Book id → document number, for ids that are small integers (a database sequence): a typed array indexed
 * by id instead of a Map, which for a million books would be a million entries for the garbage collector
 * to walk at every full collection. Ids past the table's reach (a sequence far beyond the catalogue's size)
 * fall back to a Map.
 */
export class DocumentTable {
  /** Document number + 1 by book id (0: none). */
  private table = new Int32Array(1024);
  private readonly far = new Map<number, number>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(bookId: number): number | undefined {
    const slot = bookId >= 0 && bookId < this.table.length ? this.table[bookId]! : 0;
    if (slot !== 0) return slot - 1;
    // An id set before the table reached it stays in the Map.
    return this.far.size === 0 ? undefined : this.far.get(bookId);
  }

  has(bookId: number): boolean {
    return this.get(bookId) !== undefined;
  }

  set(bookId: number, doc: number): void {
    if (this.has(bookId)) this.delete(bookId);
    this.count++;
    if (bookId >= 0 && this.fits(bookId)) this.table[bookId] = doc + 1;
    else this.far.set(bookId, doc);
  }

  delete(bookId: number): void {
    if (!this.has(bookId)) return;
    this.count--;
    if (!this.far.delete(bookId)) this.table[bookId] = 0;
  }

  /** The ids held between low and high, inclusive, ascending. */
  idsBetween(low: number, high: number): number[] {
    const ids: number[] = [];
    for (let id = Math.max(low, 0); id <= Math.min(high, this.table.length - 1); id++) if (this.table[id] !== 0) ids.push(id);
    // An id is in the table or among the far ones, never both: only far ones can come out of order.
    const far = [...this.far.keys()].filter((id) => id >= low && id <= high);
    return far.length === 0 ? ids : [...ids, ...far].sort((a, b) => a - b);
  }

  /** Grows the table to reach the id, unless that would make it far larger than the number of books held. */
  private fits(bookId: number): boolean {
    if (bookId < this.table.length) return true;
    const size = Math.max(this.table.length * 2, bookId + 1);
    if (size > 4 * (this.count + 1_000_000)) return false;
    const grown = new Int32Array(size);
    grown.set(this.table);
    this.table = grown;
    return true;
  }
}

/** The dense number of a key (a category, word, author or language), given on first sight. */
export function slotFor<K>(slots: Map<K, number>, keys: K[], key: K, limit = Number.MAX_SAFE_INTEGER, what = 'keys'): number {
  let slot = slots.get(key);
  if (slot === undefined) {
    slot = keys.length;
    if (slot >= limit) throw new RangeError(`the search index has no room for more ${what}`);
    slots.set(key, slot);
    keys.push(key);
  }
  return slot;
}
