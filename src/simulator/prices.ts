import { carries, hashUnit, referencePriceCents, type StoreProfile } from './stores.js';

export const STEP_MS = 60_000;
/** Walks further behind than this restart from the store's level instead of replaying every step. */
const MAX_STEPS = 10_000;

interface WalkState {
  priceCents: number;
  step: number;
  inStock: boolean;
  frozen: boolean;
}

export interface Quote {
  priceCents: number;
  inStock: boolean;
}

/**
 * Prices follow a random walk per (store, book): one step a minute, each step drawn from a hash of
 * (seed, store, book, step number), so a price depends only on the seed, the time since start and
 * admin overrides, never on who asked first.
 */
export class PriceBook {
  private readonly walks = new Map<string, WalkState>();

  constructor(
    private readonly seed: number,
    private readonly startedAt: number,
  ) {}

  quote(store: StoreProfile, isbn13: string, now = Date.now()): Quote | null {
    const key = `${store.slug}/${isbn13}`;
    const step = Math.floor((now - this.startedAt) / STEP_MS);
    let state = this.walks.get(key);
    if (!state) {
      if (!carries(this.seed, store, isbn13)) return null;
      state = { priceCents: this.initialPrice(store, isbn13), step: 0, inStock: this.initialStock(store, isbn13), frozen: false };
      this.walks.set(key, state);
    }
    if (!state.frozen && step > state.step) this.advance(store, isbn13, state, step);
    return { priceCents: state.priceCents, inStock: state.inStock };
  }

  /** An admin override: the walk continues from this price unless frozen. */
  set(store: StoreProfile, isbn13: string, priceCents: number, inStock: boolean | undefined, freeze: boolean, now = Date.now()): Quote {
    const key = `${store.slug}/${isbn13}`;
    const previous = this.walks.get(key);
    const state: WalkState = {
      priceCents,
      step: Math.floor((now - this.startedAt) / STEP_MS),
      inStock: inStock ?? previous?.inStock ?? true,
      frozen: freeze,
    };
    this.walks.set(key, state);
    return { priceCents: state.priceCents, inStock: state.inStock };
  }

  clear(): void {
    this.walks.clear();
  }

  private initialPrice(store: StoreProfile, isbn13: string): number {
    const jitter = 0.95 + hashUnit(this.seed, 'jitter', store.slug, isbn13) * 0.1;
    return Math.max(99, Math.round(referencePriceCents(isbn13) * store.priceLevel * jitter));
  }

  private initialStock(store: StoreProfile, isbn13: string): boolean {
    return hashUnit(this.seed, 'stock', store.slug, isbn13) < 0.93;
  }

  private advance(store: StoreProfile, isbn13: string, state: WalkState, step: number): void {
    const from = Math.max(state.step, step - MAX_STEPS);
    const floor = Math.round(referencePriceCents(isbn13) * 0.4);
    const ceiling = Math.round(referencePriceCents(isbn13) * 2);
    let price = state.priceCents;
    for (let k = from + 1; k <= step; k++) {
      const u = hashUnit(this.seed, 'walk', store.slug, isbn13, k);
      const change = (u - 0.5) * 2 * store.volatility * Math.sqrt(3);
      price = Math.min(ceiling, Math.max(floor, price * (1 + change)));
      if (hashUnit(this.seed, 'restock', store.slug, isbn13, k) < 0.002) state.inStock = !state.inStock;
    }
    state.priceCents = Math.round(price);
    state.step = step;
  }
}
