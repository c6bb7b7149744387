import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { startSimulator } from './server.js';

/** `npm run simulator`: the partner bookstore network on SIMULATOR_PORT (default 4010). */
const { values } = parseArgs({ options: { stores: { type: 'string', default: '50' }, seed: { type: 'string', default: '20261124' } } });
const config = loadConfig();
const stores = Number(values.stores);
if (!Number.isInteger(stores) || stores < 1 || stores > 200) {
  console.error('--stores must be an integer from 1 to 200');
  process.exit(2);
}
const running = await startSimulator({ port: config.SIMULATOR_PORT, host: '127.0.0.1', stores, seed: Number(values.seed) });
console.log(`Partner simulator: ${stores} stores at ${running.url} (admin: ${running.url}/admin/stores)`);
const stop = () => void running.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
