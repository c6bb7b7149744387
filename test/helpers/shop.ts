import type { CheckoutStepHook } from '../../src/resolvers/checkout/checkout-service.js';
import type { StepHook } from '../../src/resolvers/purchases/purchase-service.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { calmStores, setPrice } from './simulator.js';
import type { TestDatabase } from './databases.js';
import { startTestApp, type TestApp } from './test-app.js';

export interface Shop {
  t: TestApp;
  sim: RunningSimulator;
  /** Signs a shopper up and returns their access token. */
  shopper(email: string): Promise<string>;
  /** Every store sells the book at this price now, and Folio has heard so (a live look-up, recorded). */
  priceEverywhere(isbn13: string, priceCents: number): Promise<void>;
  close(): Promise<void>;
}

/** Folio over a fresh database with a calm simulated partner network registered: where purchase tests shop. */
export async function openShop(options: {
  seed: number;
  stores: number;
  environment?: Record<string, string>;
  onPurchaseStep?: StepHook;
  onCheckoutStep?: CheckoutStepHook;
  runWorker?: boolean;
  /** How long each partner order status lasts in the simulator. */
  orderStepMs?: number;
  database?: TestDatabase;
}): Promise<Shop> {
  const sim = await startSimulator({ seed: options.seed, stores: options.stores, orderStepMs: options.orderStepMs });
  await calmStores(sim, { rateLimitPerSecond: 200 });
  const t = await startTestApp({
    environment: options.environment,
    onPurchaseStep: options.onPurchaseStep,
    onCheckoutStep: options.onCheckoutStep,
    runWorker: options.runWorker,
    database: options.database,
  });
  await t.app.services.stores.syncFromNetwork(sim.url);
  return {
    t,
    sim,
    async shopper(email) {
      const answer = await t.execute<{ signUp: { token: string } }>(
        'mutation ($email: String!) { signUp(email: $email, password: "correct horse battery") { token } }',
        { email },
      );
      if (!answer.data) throw new Error(`sign-up failed: ${JSON.stringify(answer.errors)}`);
      return answer.data.signUp.token;
    },
    async priceEverywhere(isbn13, priceCents) {
      const stores = sim.simulator.profiles();
      for (const profile of stores) await setPrice(sim, profile.slug, isbn13, priceCents);
      // A live look-up skips a store it cannot hear back from in time (a busy machine): ask until all have answered.
      for (let attempt = 0; attempt < 10; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        const answer = await t.execute<{ book: { offers: { price: { cents: number } }[] } }>(
          `{ book(isbn: "${isbn13}") { offers(maxAgeSeconds: 0) { price { cents } } } }`,
        );
        if ((answer.data?.book.offers ?? []).filter((offer) => offer.price.cents === priceCents).length === stores.length) return;
      }
      throw new Error(`not every store's price of ${isbn13} could be heard`);
    },
    async close() {
      await t.close();
      await sim.close();
    },
  };
}
