/**
 * How likely a watched offer is to have crossed a watcher's threshold since it was last checked, from
 * what Folio has learned of the store: how often it changes a price, by how much, and how often and how
 * deep it cuts a price at once (a sale).
 */

/** A drop at least this deep is counted as a cut (a sale), apart from the store's everyday repricing. */
const CUT_FROM = 0.12;
/** Until a store's checks show otherwise: one change a day, by 5 %, one change in fifty a cut of 15–40 %. */
const PRIOR = { changesPerDay: 1, change: 0.05, cutShare: 0.02, cuts: [0.15, 0.2, 0.25, 0.3, 0.35, 0.4] };

/** What one store's checks have shown so far. */
export class StoreRepricing {
  private changes = 1;
  private exposureMs = 86_400_000 / PRIOR.changesPerDay;
  private everydaySum = PRIOR.change;
  private everydayCount = 1;
  private cutCount = PRIOR.cutShare;
  /** Cuts seen by depth, in whole percent (100: all of it). */
  private readonly cutsByPercent = new Array<number>(101).fill(0);
  private cutsSeen = 0;
  /** Cuts seen at least each depth, summed from the deepest; rebuilt when a cut is seen. */
  private cutsAtLeast: number[] | null = null;

  /** One check of a pair last checked `sinceMs` ago; `drop` is the relative fall seen (negative: a rise; null: no change). */
  observe(sinceMs: number, drop: number | null): void {
    this.exposureMs += sinceMs;
    if (drop === null) return;
    this.changes++;
    if (drop >= CUT_FROM) {
      this.cutCount++;
      this.cutsByPercent[Math.min(100, Math.floor(drop * 100))]!++;
      this.cutsSeen++;
      this.cutsAtLeast = null;
    } else if (drop !== 0) {
      this.everydaySum += Math.abs(drop);
      this.everydayCount++;
    }
  }

  /** Changes per millisecond for one book (a lower bound: two changes between checks are seen as one). */
  get ratePerMs(): number {
    return this.changes / this.exposureMs;
  }

  /** The mean size of an everyday repricing. */
  get typicalChange(): number {
    return this.everydaySum / this.everydayCount;
  }

  /** The chance that one change of the store's is a cut at least `depth` deep. */
  cutAtLeast(depth: number): number {
    const share = this.cutCount / this.changes;
    const prior = PRIOR.cuts.filter((cut) => cut >= depth).length / PRIOR.cuts.length;
    // The prior counts as one cut among those seen.
    return share * ((prior + this.seenAtLeast(depth)) / (1 + this.cutsSeen));
  }

  private seenAtLeast(depth: number): number {
    if (!this.cutsAtLeast) {
      const sums = new Array<number>(102).fill(0);
      for (let percent = 100; percent >= 0; percent--) sums[percent] = sums[percent + 1]! + this.cutsByPercent[percent]!;
      this.cutsAtLeast = sums;
    }
    return this.cutsAtLeast[Math.min(101, Math.max(0, Math.ceil(depth * 100)))]!;
  }
}

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
export function crossingShare(pair: OfferView, watch: WatchView, store: StoreRepricing): number {
  if (watch.anyChange || pair.totalCents === null || pair.inStock === null) return 1;
  const typical = Math.max(0.005, store.typicalChange);
  let share = 0;
  if (watch.firesAtOrBelowCents !== null) {
    const drop = (pair.totalCents - watch.firesAtOrBelowCents) / pair.totalCents;
    // Out of stock, a return to stock at a price within the threshold is the crossing to expect.
    if (drop <= 0) return 1;
    share = Math.max(share, Math.exp(-drop / typical) + store.cutAtLeast(drop));
  }
  if (watch.firesAtOrAboveCents !== null) {
    const rise = (watch.firesAtOrAboveCents - pair.totalCents) / pair.totalCents;
    if (rise <= 0) return 1;
    share = Math.max(share, Math.exp(-rise / typical));
  }
  return watch.firesAtOrBelowCents === null && watch.firesAtOrAboveCents === null ? 0.01 : Math.min(1, share);
}

/** The chance that the pair has crossed since it was checked `ageMs` ago. */
export function crossingOdds(ageMs: number, ratePerMs: number, share: number): number {
  return 1 - Math.exp(-ratePerMs * ageMs * share);
}
