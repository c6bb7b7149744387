/**
 * How far Folio believes a reporter: a new one starts at 0.5, each report the store confirmed raises
 * it, each one it contradicted costs three times as much. Computed from the counts, never stored.
 */
export function trustOf(record: { verified: number; rejected: number }): number {
  return (record.verified + 1) / (record.verified + 3 * record.rejected + 2);
}

/** From here a report is believed at once (three confirmed reports and no rejection get a reporter there). */
export const TRUSTED_AT = 0.75;
/** A reported price this far below the usual one is checked with the store before anyone hears of it. */
const LARGE_DROP_SHARE = 0.3;
/** A book this many alerts watch: a wrong price would reach many people, so it is checked first. */
export const MANY_WATCHERS = 10;

export type Suspicion = 'LOW_TRUST' | 'LARGE_DROP' | 'MANY_WATCHERS';

export function suspicionsOf(facts: {
  trust: number;
  /** The reported landed price; null for a report that it is out of stock. */
  reportedCents: number | null;
  /** The store's own current price, or else the other stores' median; null when there is none to compare with. */
  usualCents: number | null;
  watchers: number;
}): Suspicion[] {
  const found: Suspicion[] = [];
  if (facts.trust < TRUSTED_AT) found.push('LOW_TRUST');
  if (facts.usualCents !== null && facts.reportedCents !== null && facts.reportedCents < facts.usualCents * (1 - LARGE_DROP_SHARE)) found.push('LARGE_DROP');
  if (facts.watchers >= MANY_WATCHERS) found.push('MANY_WATCHERS');
  return found;
}

/**
 * Whether the store's own answer bears the report out. Prices move between the report and the check,
 * so a little difference is allowed (3 %, at least 25 cents); availability must agree.
 */
export function storeConfirms(report: { priceCents: number; inStock: boolean }, store: { priceCents: number; inStock: boolean } | null): boolean {
  if (!store) return false;
  const tolerance = Math.max(25, Math.round(store.priceCents * 0.03));
  return store.inStock === report.inStock && Math.abs(store.priceCents - report.priceCents) <= tolerance;
}
