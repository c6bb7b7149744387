import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/db/connect.js';
import { createServices } from '../../src/resolvers/services.js';
import { ADDRESS } from '../factories/address.js';

/**
 * Runs one purchase and kills its own process with SIGKILL as the purchase reaches the given step:
 * a crash at the worst moment, for the reconciliation test.
 */
const [databaseUrl, userId, isbn, dieAt, key] = process.argv.slice(2);
const { db } = createDatabase({ connectionString: databaseUrl!, poolSize: 4 });
const services = createServices(db, loadConfig({ NODE_ENV: 'test' } as NodeJS.ProcessEnv), {
  redis: null,
  onPurchaseStep: (step) => {
    if (step === dieAt) process.kill(process.pid, 'SIGKILL');
  },
});
await services.purchases.purchaseBook(Number(userId), {
  isbn: isbn!,
  maxPriceCents: 10_000,
  paymentToken: 'tok_visa',
  idempotencyKey: key!,
  maxWaitMs: 2_000,
  shippingAddress: ADDRESS,
});
console.log('finished without reaching the step');
process.exit(0);
