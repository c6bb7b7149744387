import { createDatabase } from '../../src/db/connect.js';
import { recordObservations } from '../../src/resolvers/pricing/offer-repository.js';

/**
 * Writes a refresh inside a transaction, says so on stdout, then never commits: the test kills this
 * process with SIGKILL at that moment and checks that nothing of the refresh remains.
 */
const [databaseUrl, bookId, storeId] = process.argv.slice(2);
const { db } = createDatabase({ connectionString: databaseUrl!, poolSize: 1 });
await db.transaction().execute(async (trx) => {
  await recordObservations(trx, Number(bookId), [
    { storeId: Number(storeId), priceCents: 777, shippingCents: 0, currency: 'USD', inStock: true, observedAt: new Date(), source: 'CRAWL' },
  ]);
  console.log('written');
  await new Promise(() => undefined);
});
