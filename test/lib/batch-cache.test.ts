import { describe, expect, it } from 'vitest';
import { BatchCache } from '../../src/lib/batch-cache.js';

function countingCache() {
  const fetches: number[][] = [];
  const cache = new BatchCache<number, string>({
    max: 100,
    ttlMs: 60_000,
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
