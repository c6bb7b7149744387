import { describe, expect, it } from 'vitest';
import { BatchCache } from '../../src/lib/batch-cache.js';

function countingCache(repeatAfterMs?: number) {
  const fetches: number[][] = [];
  const cache = new BatchCache<number, string>({
    max: 100,
    ttlMs: 60_000,
    repeatAfterMs,
    fetch: async (keys) => {
      fetches.push([...keys]);
      return keys.map((key) => (key > 0 ? `row ${key}` : null));
    },
  });
  return { cache, fetches };
}

describe('BatchCache.get', () => {
  it('answers a kept key at once, without a promise, and fetches nothing', async () => {
    const { cache, fetches } = countingCache();
    await cache.load([1]);
    expect(cache.get(1)).toBe('row 1');
    expect(cache.peek(1)).toBe('row 1');
    expect(fetches).toEqual([[1]]);
  });

  it('fetches the misses of one tick together, and keeps what it found but not what it did not', async () => {
    const { cache, fetches } = countingCache();
    const answers = [cache.get(2), cache.get(3), cache.get(-1)];
    expect(answers.every((answer) => answer instanceof Promise)).toBe(true);
    expect(await Promise.all(answers)).toEqual(['row 2', 'row 3', null]);
    expect(fetches).toEqual([[2, 3, -1]]);
    expect(cache.get(2)).toBe('row 2');
    expect(cache.peek(-1)).toBeUndefined();
  });

  it('does not keep a value whose fetch was under way when it was invalidated', async () => {
    let started!: () => void;
    let finish!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const cache = new BatchCache<number, string>({
      max: 100,
      ttlMs: 60_000,
      fetch: async (keys) => {
        started();
        await new Promise<void>((resolve) => (finish = resolve));
        return keys.map((key) => `row ${key}`);
      },
    });
    const pending = cache.get(4);
    await running;
    cache.invalidate([4]);
    finish();
    expect(await pending).toBe('row 4');
    expect(cache.peek(4)).toBeUndefined();
  });
});

describe('BatchCache under a run of one-off reads', () => {
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('keeps the rows read again while rows read once pass through', async () => {
    const { cache, fetches } = countingCache(0);
    await cache.load(range(1, 10));
    await cache.load(range(1, 10)); // read again: kept in the main segment
    for (let from = 1_000; from < 2_000; from += 50) await cache.load(range(from, from + 49)); // ten times the cache's room, each once
    fetches.length = 0;
    expect(await cache.load(range(1, 10))).toEqual(range(1, 10).map((key) => `row ${key}`));
    expect(fetches).toEqual([]);
  });

  it('does not count the reads of the request that brought a row as a second look', async () => {
    const { cache, fetches } = countingCache(60_000);
    await cache.load(range(1, 10));
    await cache.load(range(1, 10)); // the same moment: the same request's next step
    for (let from = 1_000; from < 2_000; from += 50) await cache.load(range(from, from + 49));
    fetches.length = 0;
    await cache.load(range(1, 10));
    expect(fetches).toEqual([range(1, 10)]);
  });
});
