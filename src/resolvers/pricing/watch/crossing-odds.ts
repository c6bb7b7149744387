/**
 * How likely a watched offer is to have crossed a watcher's threshold since it was last checked, from
 * what Folio has learned of the store: how often it changes a price, and by how much.
 */

/** What one store's checks have shown so far (a prior of one change a day, by 5 %, until they show more). */
export class StoreRepricing {
  private changes = 1;
  private exposureMs = 86_400_000;
  private relativeChangeSum = 0.05;
  private sizedChanges = 1;

  /** One check of a pair last checked `sinceMs` ago; `change` is the relative change seen (0: none). */
  observe(sinceMs: number, change: number | null): void {
    this.exposureMs += sinceMs;
    if (change === null) return;
    this.changes++;
    if (change > 0) {
      this.relativeChangeSum += change;
      this.sizedChanges++;
    }
  }

  /** Changes per millisecond for one book (a lower bound: two changes between checks are seen as one). */
  get ratePerMs(): number {
    return this.changes / this.exposureMs;
  }

  get typicalChange(): number {
    return this.relativeChangeSum / this.sizedChanges;
  }
}

/** Share of changes that are sales deep enough to cross a threshold far away (a cut of 15–40 %). */
const SALE_SHARE = 0.05;
const SALE_DEPTH = 0.4;

/** What Folio knows of a store's offer, and the prices that would make a watcher hear of a change. */
export interface OfferView {
  totalCents: number | null;
  inStock: boolean | null;
}

export interface WatchView {
  firesAtOrBelowCents: number | null;
  firesAtOrAboveCents: number | null;
  anyChange: boolean;
}

/** The chance that one change of the store's crosses a threshold watching this offer. */
export function crossingShare(pair: OfferView, watch: WatchView, typicalChange: number): number {
  if (watch.anyChange || pair.totalCents === null || pair.inStock === null) return 1;
  let distance = Infinity;
  if (watch.firesAtOrBelowCents !== null) distance = Math.min(distance, (pair.totalCents - watch.firesAtOrBelowCents) / pair.totalCents);
  if (watch.firesAtOrAboveCents !== null) distance = Math.min(distance, (watch.firesAtOrAboveCents - pair.totalCents) / pair.totalCents);
  // Out of stock, a return to stock at a price within the threshold is the crossing to expect.
  if (!pair.inStock) distance = Math.max(0, distance);
  if (distance <= 0) return 1;
  if (!Number.isFinite(distance)) return 0.01;
  return Math.min(1, Math.exp(-distance / Math.max(0.005, typicalChange)) + (distance < SALE_DEPTH ? SALE_SHARE : 0));
}

/** The chance that the pair has crossed since it was checked `ageMs` ago. */
export function crossingOdds(ageMs: number, ratePerMs: number, share: number): number {
  return 1 - Math.exp(-ratePerMs * ageMs * share);
}
