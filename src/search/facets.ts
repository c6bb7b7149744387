import { PRICE_BUCKETS } from './query.js';

/**
 * A document's facets packed in one integer: category slot + 1 (0: none) in bits 0–15, language slot
 * (0: none) in 16–23, in stock in bit 24, price bucket (7: no price) in 25–27. Few distinct words occur
 * (categories × languages × stock × buckets), so each gets a small number, the combination, and
 * counting facets over the matches is one histogram of combinations.
 */
export const facetBits = {
  category: (word: number) => (word & 0xffff) - 1,
  language: (word: number) => (word >>> 16) & 0xff,
  inStock: (word: number) => (word >>> 24) & 1,
  priceBucket: (word: number) => (word >>> 25) & 7,
  NO_PRICE: 7,
};
export const MAX_CATEGORY_SLOTS = 0xfffe;
export const MAX_LANGUAGE_SLOTS = 0xff;

export function priceBucketOf(cents: number): number {
  const bucket = PRICE_BUCKETS.findIndex((range) => range.max === null || cents <= range.max);
  return bucket < 0 ? PRICE_BUCKETS.length - 1 : bucket;
}
