/** Money is integer minor units plus an ISO 4217 currency; never a float. */
export interface Money {
  cents: number;
  currency: string;
}

const MINOR_UNIT_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, BHD: 3, KWD: 3 };

export function minorUnitDigits(currency: string): number {
  return MINOR_UNIT_DIGITS[currency] ?? 2;
}

export function money(cents: number, currency = 'USD'): Money {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Money must be integer minor units, got ${cents}`);
  return { cents, currency };
}

/** For optional amounts: null stays null. */
export function moneyOrNull(cents: number | null, currency = 'USD'): Money | null {
  return cents === null ? null : money(cents, currency);
}

/** "12.34" for 1234 USD cents; exact, built from integers so no float rounding can creep in. */
export function formatAmount({ cents, currency }: Money): string {
  const digits = minorUnitDigits(currency);
  const sign = cents < 0 ? '-' : '';
  const absolute = String(Math.abs(cents)).padStart(digits + 1, '0');
  if (digits === 0) return sign + absolute;
  return `${sign}${absolute.slice(0, -digits)}.${absolute.slice(-digits)}`;
}
