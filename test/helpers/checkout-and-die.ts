import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/db/connect.js';
import { createServices } from '../../src/resolvers/services.js';
import { ADDRESS } from '../factories/address.js';

/**
 * Checks out one guest cart and kills its own process with SIGKILL as the checkout reaches the given
 * step: a crash at the worst moment, for the checkout settlement test.
 */
const [databaseUrl, cartToken, dieAt, key] = process.argv.slice(2);
const { db } = createDatabase({ connectionString: databaseUrl!, poolSize: 4 });
const services = createServices(db, loadConfig({ NODE_ENV: 'test' } as NodeJS.ProcessEnv), {
  redis: null,
  onCheckoutStep: (step) => {
    if (step === dieAt) process.kill(process.pid, 'SIGKILL');
  },
});
await services.checkout.checkout({ userId: null, cartToken }, { cartToken, paymentToken: 'tok_visa', idempotencyKey: key!, shippingAddress: ADDRESS });
console.log('finished without reaching the step');
process.exit(0);
