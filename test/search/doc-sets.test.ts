import { describe, expect, it } from 'vitest';
import { bitWords, type DocSet, intersect, unionOf } from '../../src/search/doc-sets.js';
import { Random } from '../../src/seed/random.js';

const DOCUMENTS = 50_000;

/** A sorted list of about `share` of the documents, drawn at random. */
function randomList(random: Random, share: number): Int32Array {
  const docs: number[] = [];
  for (let doc = 0; doc < DOCUMENTS; doc++) if (random.chance(share)) docs.push(doc);
  return Int32Array.from(docs);
}

/** What unionOf must give, the slow way. */
function sortedUnion(lists: Int32Array[]): number[] {
  return [...new Set(lists.flatMap((list) => [...list]))].sort((a, b) => a - b);
}

function asBits(list: Int32Array): Int32Array {
  const bits = new Int32Array(bitWords(DOCUMENTS));
  for (const doc of list) bits[doc >>> 5]! |= 1 << (doc & 31);
  return bits;
}

describe('document sets', () => {
  it('intersect finds what every set holds, lists of very different lengths and bit sets alike', () => {
    const random = new Random(7);
    for (const shares of [
      [0.001, 0.5],
      [0.01, 0.02, 0.9],
      [0.0002, 0.3, 0.3],
      [0.2, 0.25],
    ]) {
      const lists = shares.map((share) => randomList(random, share));
      const expected = [...lists[0]!].filter((doc) => lists.every((list) => list.includes(doc)));
      const asLists: DocSet[] = lists.map((list) => ({ list, size: list.length }));
      const mixed: DocSet[] = lists.map((list, i) => (i === lists.length - 1 ? { bits: asBits(list), size: list.length } : { list, size: list.length }));
      const scratch = new Int32Array(DOCUMENTS);
      expect([...intersect(asLists, DOCUMENTS, () => true, null, scratch)]).toEqual(expected);
      expect([...intersect(mixed, DOCUMENTS, () => true, null, scratch)]).toEqual(expected);
      const even = (doc: number) => doc % 2 === 0;
      expect([...intersect(asLists, DOCUMENTS, even, null, scratch)]).toEqual(expected.filter(even));
    }
  });

  it('unionOf gives each document once, in order', () => {
    const random = new Random(8);
    const lists = [0.001, 0.01, 0.3].map((share) => randomList(random, share));
    expect([...unionOf(lists, DOCUMENTS)]).toEqual(sortedUnion(lists));
    expect([...unionOf(lists.slice(0, 2), DOCUMENTS)]).toEqual(sortedUnion(lists.slice(0, 2)));
  });
});
