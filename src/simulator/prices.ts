import TinyQueue from 'tinyqueue';
import type { ChangeKind, ChangeLog } from './change-log.js';
import { hashUnit, referencePriceCents, shippingCents, type StoreProfile } from './stores.js';
import type { BookWorld } from './world.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Sales cut the regular price by 15–40 % and last 2–24 hours. */
const SALE_CUT = { min: 0.15, spread: 0.25 };
const SALE_HOURS = { min: 2, spread: 22 };
/** Share of repricing events that also flip the stock (sold out, or back in stock). */
const STOCK_FLIP = 0.04;
/** How strongly a repricing leans back towards the store's usual price for the book. */
const REVERSION = 0.35;

export interface Quote {
  priceCents: number;
  inStock: boolean;
}

/** One (store, book) pair: its regular price, the sale on it if any, and its next event. */
interface Pair {
  store: StoreProfile;
  isbn13: string;
  regularCents: number;
  sale: { cut: number; endsAt: number } | null;
  inStock: boolean;
  frozen: boolean;
  /** Index and time of the pair's next repricing event (a Poisson process of the store's rate). */
  eventIndex: number;
  eventAt: number;
  /** Bumped by an admin override, so the queue's earlier entry for the pair is passed over. */
  version: number;
}

interface DueEntry {
  at: number;
  pair: Pair;
  version: number;
}

/**
 * Prices that change as events, like a real shop's: per (store, book), repricings arrive at the store's
 * own rate (a Poisson process) with changes of the store's typical size, and now and then a sale. Every
 * draw is a hash of (seed, store, book, event number), so a price depends only on the seed, the time
 * since start and admin overrides, never on who asked first. A pair lives from its first look-up on;
 * from then, each change is written to the change log at its own time, in time order.
 */
export class PriceBook {
  private readonly pairs = new Map<string, Pair>();
  private readonly due = new TinyQueue<DueEntry>([], (a, b) => a.at - b.at);

  constructor(
    private readonly seed: number,
    private readonly startedAt: number,
    private readonly world: BookWorld,
    private readonly log: ChangeLog,
  ) {}

  quote(store: StoreProfile, isbn13: string, now = Date.now()): Quote | null {
    this.advance(now);
    const pair = this.pairs.get(key(store, isbn13)) ?? this.open(store, isbn13, now);
    return pair ? quoteOf(pair) : null;
  }

  /** An admin override: repricing continues from this price unless frozen; any sale ends. */
  set(store: StoreProfile, isbn13: string, priceCents: number, inStock: boolean | undefined, freeze: boolean, now = Date.now()): Quote {
    this.advance(now);
    const pair = this.pairs.get(key(store, isbn13)) ?? this.open(store, isbn13, now, true)!;
    const before = quoteOf(pair);
    pair.regularCents = priceCents;
    pair.sale = null;
    pair.inStock = inStock ?? pair.inStock;
    pair.frozen = freeze;
    pair.version++;
    // Repricing goes on from now: events a frozen pair skipped are not made up for.
    while (pair.eventAt <= now) {
      pair.eventIndex++;
      pair.eventAt += this.gap(pair);
    }
    this.record(pair, 'ADMIN', before, now);
    this.schedule(pair);
    return quoteOf(pair);
  }

  /**
   * How often, per day, the pair's total is expected to fall to or below `totalCents` from where it is
   * now, by the model behind this book's own draws: a sale cutting deep enough, a repricing down far
   * enough, or a return to stock at a price already low enough. Benchmarks use it to bound what any
   * schedule of look-ups could hear; it is a rate, not a forecast of when.
   */
  fallRatePerDay(store: StoreProfile, isbn13: string, totalCents: number, now = Date.now()): number {
    this.advance(now);
    const pair = this.pairs.get(key(store, isbn13)) ?? this.open(store, isbn13, now);
    if (!pair || pair.frozen) return 0;
    const { priceCents } = quoteOf(pair);
    const drop = 1 - (totalCents - shippingCents(store, priceCents)) / priceCents;
    if (!pair.inStock) return drop <= 0 ? store.repricesPerDay * 0.5 : 0;
    if (drop <= 0) return 0;
    const cut = 1 - (totalCents - shippingCents(store, priceCents)) / pair.regularCents;
    const saleCuts = pair.sale ? 0 : Math.min(1, Math.max(0, (SALE_CUT.min + SALE_CUT.spread - cut) / SALE_CUT.spread));
    const down = this.downChance(pair);
    const farEnough = drop > 0.5 ? 0 : Math.exp(-drop / store.changeSize);
    return (store.salesPerMonth / 30) * saleCuts + store.repricesPerDay * (1 - STOCK_FLIP) * down * farEnough;
  }

  /** Applies every event due by `now`, oldest first, writing each change to the log. */
  advance(now = Date.now()): void {
    for (let entry = this.due.peek(); entry && entry.at <= now; entry = this.due.peek()) {
      this.due.pop();
      const { pair, at } = entry;
      if (entry.version !== pair.version || pair.frozen) continue;
      const before = quoteOf(pair);
      const kind = this.applyNext(pair);
      this.record(pair, kind, before, at);
      this.schedule(pair);
    }
  }

  /**
   * The pair as it is now: its state at the network's start, then every event since, replayed without
   * logging (nobody had looked). Null when the store does not carry the book, unless `force`d by an admin.
   */
  private open(store: StoreProfile, isbn13: string, now: number, force = false): Pair | null {
    if (!force && !this.world.carries(store, isbn13)) return null;
    const pair: Pair = {
      store,
      isbn13,
      regularCents: this.usualPrice(store, isbn13),
      sale: null,
      inStock: hashUnit(this.seed, 'stock', store.slug, isbn13) < 0.93,
      frozen: false,
      eventIndex: 0,
      eventAt: this.startedAt,
      version: 0,
    };
    pair.eventAt = this.startedAt + this.gap(pair);
    while (nextAt(pair) <= now) this.applyNext(pair);
    this.pairs.set(key(store, isbn13), pair);
    this.schedule(pair);
    return pair;
  }

  private schedule(pair: Pair): void {
    if (!pair.frozen) this.due.push({ at: nextAt(pair), pair, version: pair.version });
  }

  /** The pair's next event: a sale's end, or its next repricing (which may start a sale). */
  private applyNext(pair: Pair): ChangeKind {
    if (pair.sale && pair.sale.endsAt <= pair.eventAt) {
      pair.sale = null;
      return 'SALE_END';
    }
    const { store, isbn13 } = pair;
    const k = pair.eventIndex;
    const draw = (what: string) => hashUnit(this.seed, what, store.slug, isbn13, k);
    const at = pair.eventAt;
    pair.eventIndex++;
    pair.eventAt = at + this.gap(pair);
    const rate = store.repricesPerDay + store.salesPerMonth / 30;
    if (!pair.sale && draw('kind') * rate < store.salesPerMonth / 30) {
      pair.sale = { cut: SALE_CUT.min + draw('cut') * SALE_CUT.spread, endsAt: at + (SALE_HOURS.min + draw('hours') * SALE_HOURS.spread) * HOUR_MS };
      return 'SALE_START';
    }
    if (draw('stock') < (pair.inStock ? STOCK_FLIP : 0.5)) {
      pair.inStock = !pair.inStock;
      return 'STOCK';
    }
    pair.regularCents = this.repriced(pair, draw('size'), draw('direction'));
    return 'REPRICE';
  }

  /** A change of about the store's typical size, leaning back towards its usual price for the book. */
  private repriced(pair: Pair, size: number, direction: number): number {
    const down = direction < this.downChance(pair);
    const change = pair.store.changeSize * -Math.log(1 - size * 0.999);
    const reference = referencePriceCents(pair.isbn13);
    const next = pair.regularCents * (down ? 1 - Math.min(0.5, change) : 1 + change);
    return Math.round(Math.min(reference * 2, Math.max(reference * 0.4, next)));
  }

  /** The chance that the pair's next repricing goes down: more likely the further it sits above its usual price. */
  private downChance(pair: Pair): number {
    const lean = Math.max(-1, Math.min(1, Math.log(pair.regularCents / this.usualPrice(pair.store, pair.isbn13)) / 0.3));
    return 0.5 + REVERSION * lean;
  }

  /** Time to the pair's next repricing event (exponential: events arrive at the store's rate). */
  private gap(pair: Pair): number {
    const rate = (pair.store.repricesPerDay + pair.store.salesPerMonth / 30) / DAY_MS;
    const u = hashUnit(this.seed, 'gap', pair.store.slug, pair.isbn13, pair.eventIndex);
    return Math.max(1, -Math.log(1 - u) / rate);
  }

  private usualPrice(store: StoreProfile, isbn13: string): number {
    const jitter = 0.95 + hashUnit(this.seed, 'jitter', store.slug, isbn13) * 0.1;
    return Math.max(99, Math.round(referencePriceCents(isbn13) * store.priceLevel * jitter));
  }

  private record(pair: Pair, kind: ChangeKind, before: Quote, at: number): void {
    const after = quoteOf(pair);
    if (kind !== 'ADMIN' && after.priceCents === before.priceCents && after.inStock === before.inStock) return;
    this.log.append({
      at,
      store: pair.store.slug,
      isbn13: pair.isbn13,
      kind,
      oldPriceCents: before.priceCents,
      newPriceCents: after.priceCents,
      oldShippingCents: shippingCents(pair.store, before.priceCents),
      newShippingCents: shippingCents(pair.store, after.priceCents),
      oldInStock: before.inStock,
      inStock: after.inStock,
    });
  }
}

function key(store: StoreProfile, isbn13: string): string {
  return `${store.slug}/${isbn13}`;
}

function nextAt(pair: Pair): number {
  return pair.sale ? Math.min(pair.sale.endsAt, pair.eventAt) : pair.eventAt;
}

function quoteOf(pair: Pair): Quote {
  const priceCents = pair.sale ? Math.round(pair.regularCents * (1 - pair.sale.cut)) : pair.regularCents;
  return { priceCents, inStock: pair.inStock };
}
