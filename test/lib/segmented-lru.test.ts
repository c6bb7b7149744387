import { describe, expect, it } from 'vitest';
import { SegmentedLru } from '../../src/lib/segmented-lru.js';

describe('a segmented LRU', () => {
  it('keeps what is asked for again through a burst of keys seen once', () => {
    const cache = new SegmentedLru<string, number>({ max: 3, probation: 2, ttl: 60_000 });
    for (const key of ['a', 'b']) cache.set(key, 1);
    expect(cache.get('a')).toBe(1); // asked again: kept
    expect(cache.get('b')).toBe(1);
    for (let i = 0; i < 100; i++) cache.set(`once-${i}`, i); // a scan of one-off keys
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBe(1);
    expect(cache.get('once-0')).toBeUndefined(); // the scan turned over the probation segment only
    expect(cache.get('once-99')).toBe(99);
  });

  it('does not count a peek as being asked again', () => {
    const cache = new SegmentedLru<string, number>({ max: 3, probation: 1, ttl: 60_000 });
    cache.set('a', 1);
    expect(cache.peek('a')).toBe(1);
    cache.set('b', 2); // pushes the once-seen 'a' out of probation
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('forgets on delete and clear', () => {
    const cache = new SegmentedLru<string, number>({ max: 3, probation: 2, ttl: 60_000 });
    cache.set('a', 1);
    cache.get('a');
    cache.set('b', 2);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

describe('a segmented LRU with a repeat gap', () => {
  it('leaves an entry on probation when it is looked at again at once', () => {
    const cache = new SegmentedLru<string, number>({ max: 3, probation: 1, ttl: 60_000, repeatAfterMs: 60_000 });
    cache.set('a', 1);
    expect(cache.get('a')).toBe(1); // too soon to count
    cache.set('b', 2); // pushes 'a' out of probation
    expect(cache.get('a')).toBeUndefined();
  });

  it('moves an entry to the main segment with what was left of its time to live', async () => {
    const cache = new SegmentedLru<string, number>({ max: 3, probation: 1, ttl: 60_000 });
    cache.set('a', 1, 200);
    expect(cache.get('a')).toBe(1); // promoted
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cache.get('a')).toBeUndefined();
  });
});
