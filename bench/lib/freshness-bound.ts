/**
 * The best any schedule of look-ups could do in a given world: how many threshold crossings could be heard
 * within a few minutes, if Folio knew every (store, book) pair's true crossing rate and spent each store's
 * whole published limit on it. A look-up every T seconds hears a crossing within w seconds with chance
 * w / T, so a store's best plan keeps every pair within the one-hour bound and re-checks its likeliest
 * pairs every w seconds, as many as its limit allows (the gain of each such upgrade is linear in the pair's
 * rate, so taking them likeliest first is optimal). The bound ignores Folio's own CPU, request latency
 * and the stores' errors, so no real schedule reaches it.
 */

/** One watched (store, book) pair: how often, per second, it crosses a threshold that watches it. */
export interface PairRate {
  store: string;
  crossingsPerSecond: number;
}

export interface FreshnessBound {
  /** Share of crossings the best schedule hears within the window. */
  shareWithin: number;
  /** Stores carrying more watched pairs than their limit can check once per `maxAgeSeconds`. */
  storesOverBound: number;
  /** The longest time a store needs to check each of its watched pairs once, at its full limit. */
  slowestFullPassSeconds: number;
}

export function freshnessBound(pairs: PairRate[], lookupsPerSecond: Map<string, number>, withinSeconds: number, maxAgeSeconds: number): FreshnessBound {
  const byStore = new Map<string, number[]>();
  for (const pair of pairs) {
    const rates = byStore.get(pair.store) ?? [];
    rates.push(pair.crossingsPerSecond);
    byStore.set(pair.store, rates);
  }
  let heard = 0;
  let all = 0;
  let storesOverBound = 0;
  let slowestFullPassSeconds = 0;
  for (const [store, rates] of byStore) {
    const capacity = lookupsPerSecond.get(store) ?? 0;
    const fullPass = capacity > 0 ? rates.length / capacity : Infinity;
    slowestFullPassSeconds = Math.max(slowestFullPassSeconds, fullPass);
    all += rates.reduce((sum, rate) => sum + rate, 0);
    if (fullPass > maxAgeSeconds) {
      storesOverBound++;
      heard += rates.reduce((sum, rate) => sum + rate, 0) * Math.min(1, withinSeconds / fullPass);
      continue;
    }
    heard += storeBest(
      rates.sort((a, b) => b - a),
      capacity,
      withinSeconds,
      maxAgeSeconds,
    );
  }
  return { shareWithin: all > 0 ? heard / all : 1, storesOverBound, slowestFullPassSeconds };
}

/** Rates sorted likeliest first: each pair at the bound, then the likeliest moved up to every `within`. */
function storeBest(rates: number[], capacity: number, within: number, maxAge: number): number {
  const upgradeCost = 1 / within - 1 / maxAge;
  let spare = capacity - rates.length / maxAge;
  let heard = 0;
  for (const rate of rates) {
    const upgraded = Math.max(0, Math.min(1, spare / upgradeCost));
    spare -= upgraded * upgradeCost;
    heard += rate * (upgraded + (1 - upgraded) * (within / maxAge));
  }
  return heard;
}
