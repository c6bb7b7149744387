import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/db/connect.js';
import { createLogger } from '../../src/lib/logger.js';
import { createServices } from '../../src/resolvers/services.js';
import { startWorker } from '../../src/worker.js';

/**
 * A worker that kills its own process with SIGKILL in the middle of its first fulfilment step — after
 * the shipment's update was written, before the transaction commits: the worst moment to die.
 */
const [databaseUrl] = process.argv.slice(2);
const { db } = createDatabase({ connectionString: databaseUrl!, poolSize: 4 });
const config = loadConfig({ NODE_ENV: 'test', FULFILMENT_STEP_SECONDS: '0' } as NodeJS.ProcessEnv);
const services = createServices(db, config, {
  redis: null,
  onFulfilmentStep: () => {
    process.kill(process.pid, 'SIGKILL');
  },
});
await startWorker({ connectionString: databaseUrl!, services, logger: createLogger('silent'), concurrency: 1, refreshConcurrency: 0, deadAfterSeconds: 120 });
setTimeout(() => {
  console.log('no fulfilment step came');
  process.exit(0);
}, 20_000);
