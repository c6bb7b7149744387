import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index.js';

describe('migrations', () => {
  it('lists every migration file, in date order', () => {
    const files = readdirSync(new URL('../migrations/', import.meta.url))
      .filter((file) => /^\d{4}-\d{2}-\d{2}T/.test(file))
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
  });
});
