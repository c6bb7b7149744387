/** What the simulator has counted for each of its stores since start or the last reset. */
export interface StoreCounters {
  slug: string;
  rateLimitPerSecond: number;
  requests: number;
  throttled: number;
}

export async function storeCounters(simulatorUrl: string): Promise<StoreCounters[]> {
  const stores = (await (await fetch(`${simulatorUrl}/admin/stores`)).json()) as { slug: string; rateLimitPerSecond: number }[];
  return Promise.all(
    stores.map(async (store) => {
      const stats = (await (await fetch(`${simulatorUrl}/admin/stores/${store.slug}/stats`)).json()) as { requests: number; throttled: number };
      return { slug: store.slug, rateLimitPerSecond: store.rateLimitPerSecond, requests: stats.requests, throttled: stats.throttled };
    }),
  );
}
