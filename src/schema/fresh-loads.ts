import { contextCacheSymbol } from '@pothos/core';

/**
 * A subscription keeps one context for all its events, and the dataloaders cached on it would answer
 * every event with the rows read for the first (an order forever PROCESSING). Before each event the
 * context gets a fresh loader cache, so each event reads what is true now.
 */
export function forgetLoadedRows(context: object): void {
  (context as Record<symbol, unknown>)[contextCacheSymbol] = {};
}
