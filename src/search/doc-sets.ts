/** Sets of document numbers as search combines them: sorted lists and bit sets. */

/** Documents as a sorted list or a bit set (bit d of word d >> 5), with how many there are (at most). */
export type DocSet = { list: Int32Array; bits?: undefined; size: number } | { bits: Int32Array; list?: undefined; size: number };

export const bitWords = (documents: number) => Math.ceil(documents / 32) + 1;
const hasBit = (bits: Int32Array, doc: number) => (bits[doc >>> 5]! & (1 << (doc & 31))) !== 0;

/**
 * True when a sorted list holds the document; `from` moves forward so ascending probes cost little:
 * it gallops (1, 2, 4, … ahead) to bracket the document, then halves, so a probe costs the log of
 * how far it moved rather than of the whole list.
 */
function listHas(list: Int32Array, doc: number, cursor: { from: number }): boolean {
  let low = cursor.from;
  let step = 1;
  let high = low;
  while (high < list.length && list[high]! < doc) {
    low = high + 1;
    high += step;
    step *= 2;
  }
  if (high > list.length) high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]! < doc) low = mid + 1;
    else high = mid;
  }
  cursor.from = low;
  return low < list.length && list[low] === doc;
}

/**
 * The documents in every set that the filter accepts, ascending: walks the smallest list, or ANDs bit
 * sets. With `onlyAlive` the filter is just "current", tested inline.
 */
export function intersect(sets: DocSet[], documents: number, accepts: (doc: number) => boolean, onlyAlive: Uint8Array | null, scratch: Int32Array): Int32Array {
  sets.sort((a, b) => a.size - b.size);
  const driver = sets.find((set) => set.list);
  if (driver?.list) {
    const others = sets.filter((set) => set !== driver);
    const cursors = others.map(() => ({ from: 0 }));
    const matched = scratch;
    let count = 0;
    outer: for (let i = 0; i < driver.list.length; i++) {
      const doc = driver.list[i]!;
      for (let k = 0; k < others.length; k++) {
        const other = others[k]!;
        if (other.bits ? !hasBit(other.bits, doc) : !listHas(other.list!, doc, cursors[k]!)) continue outer;
      }
      if (onlyAlive ? onlyAlive[doc] === 1 : accepts(doc)) matched[count++] = doc;
    }
    return matched.slice(0, count);
  }
  const words = Math.min(bitWords(documents), ...sets.map((set) => set.bits!.length));
  const matched = scratch;
  let count = 0;
  for (let w = 0; w < words; w++) {
    let word = sets[0]!.bits![w]!;
    for (let k = 1; k < sets.length && word !== 0; k++) word &= sets[k]!.bits![w]!;
    while (word !== 0) {
      const lowest = word & -word;
      const doc = (w << 5) | (31 - Math.clz32(lowest));
      if (doc < documents && (onlyAlive ? onlyAlive[doc] === 1 : accepts(doc))) matched[count++] = doc;
      word ^= lowest;
    }
  }
  return matched.slice(0, count);
}

/** The sorted union of sorted lists of document numbers, without repeats. */
export function unionOf(lists: readonly Int32Array[], documents: number): Int32Array {
  if (lists.length === 1) return lists[0]!;
  const total = lists.reduce((sum, list) => sum + list.length, 0);
  if (total < 20_000 || total < documents / 64) {
    const all = new Int32Array(total);
    let offset = 0;
    for (const list of lists) {
      all.set(list, offset);
      offset += list.length;
    }
    all.sort();
    let unique = 0;
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[unique++] = all[i]!;
    return all.subarray(0, unique);
  }
  // Many documents: marking them is cheaper than sorting.
  const marks = new Uint8Array(documents);
  for (const list of lists) for (let i = 0; i < list.length; i++) marks[list[i]!] = 1;
  const union = new Int32Array(total < documents ? total : documents);
  let count = 0;
  for (let doc = 0; doc < documents; doc++) if (marks[doc]) union[count++] = doc;
  return union.subarray(0, count);
}
