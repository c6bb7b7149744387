/** What a shopper pays for an offer: price plus shipping. Comparisons, alerts and history all use it. */
export function landedCents(offer: { priceCents: number; shippingCents: number }): number {
  return offer.priceCents + offer.shippingCents;
}

type ComparableOffer = { storeId: number; priceCents: number; shippingCents: number; inStock: boolean };

/** The median landed price (or other measure) of the other stores' in-stock offers; null with fewer than three to judge by. */
export function medianOfOtherStores(
  offers: readonly ComparableOffer[],
  storeId: number,
  measure: (offer: ComparableOffer) => number = landedCents,
): number | null {
  const others = offers
    .filter((o) => o.inStock && o.storeId !== storeId)
    .map(measure)
    .sort((a, b) => a - b);
  return others.length < 3 ? null : others[Math.floor(others.length / 2)]!;
}

/** What a store charges to ship an order of this subtotal (its registered policy; partners' orders follow it). */
export function storeShippingCents(store: { shippingFeeCents: number; freeShippingOverCents: number | null }, subtotalCents: number): number {
  return store.freeShippingOverCents !== null && subtotalCents >= store.freeShippingOverCents ? 0 : store.shippingFeeCents;
}
