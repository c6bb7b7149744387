import { describe, expect, it } from 'vitest';
import { formatAmount, money } from '../../src/lib/money.js';

describe('money', () => {
  it.each([
    [1234, 'USD', '12.34'],
    [5, 'USD', '0.05'],
    [0, 'EUR', '0.00'],
    [-250, 'USD', '-2.50'],
    [1500, 'JPY', '1500'],
    [1234, 'KWD', '1.234'],
  ])('formats %i %s as %s', (cents, currency, amount) => {
    expect(formatAmount(money(cents, currency))).toBe(amount);
  });

  it('refuses non-integer amounts', () => {
    expect(() => money(12.5)).toThrow(RangeError);
  });
});
