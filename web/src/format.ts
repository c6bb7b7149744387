/** Money as the API gives it: whole cents and a decimal amount. */
export interface Money {
  cents: number;
  amount: string;
  currency?: string;
}

export const money = (value: Pick<Money, 'cents'> | null | undefined): string => (value ? `$${(value.cents / 100).toFixed(2)}` : '—');

/** "$12.34" or "12.34" typed by a shopper, as cents (null when it is not a price). */
export function parseDollars(text: string): number | null {
  const match = /^\s*\$?\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

export const age = (seconds: number): string =>
  seconds < 60 ? `${seconds}s ago` : seconds < 3_600 ? `${Math.round(seconds / 60)} min ago` : `${Math.round(seconds / 3_600)} h ago`;

/** "6 Dec 2026, 03:43": a moment as a shopper reads it, without seconds. */
export const when = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A fresh key per user action, so a retried click never buys twice but a new click is a new purchase. */
export const newKey = (prefix: string): string => `${prefix}-${crypto.randomUUID()}`;

/** What an alert waits for, in a shopper's words. */
export function describeAlert(alert: { rule: string; threshold?: Pick<Money, 'cents'> | null; dropPercent?: number | null }): string {
  if (alert.rule === 'BELOW') return `at or below ${money(alert.threshold)}`;
  if (alert.rule === 'DROP_PERCENT') return `a drop of ${alert.dropPercent}%`;
  if (alert.rule === 'RISE') return 'a rise';
  return 'back in stock';
}

/** An address on one line, its empty parts left out. */
export const addressLine = (a: {
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
}): string => [a.name, a.line1, a.line2, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ');
