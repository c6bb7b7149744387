/**
 * `folio <role>`: one command for every process Folio runs. Each role is a module that runs when loaded
 * and reads its own options from the arguments after the role's name.
 */
const ROLES: Record<string, { summary: string; load: () => Promise<unknown> }> = {
  api: { summary: 'an API node (HTTP, WebSocket, GraphiQL): no jobs, no demo data, no simulator', load: () => import('./api-main.js') },
  worker: { summary: 'a worker node: price refresh, alerts, fulfilment and every other job', load: () => import('./worker-main.js') },
  migrate: { summary: 'bring the database schema up to date, then exit', load: () => import('./db/migrate-cli.js') },
  seed: { summary: 'add generated books (and price history) to the catalogue: folio seed --help', load: () => import('./seed/cli.js') },
  simulator: { summary: 'the partner bookstore network on SIMULATOR_PORT: folio simulator --stores 50', load: () => import('./simulator/main.js') },
  demo: { summary: 'everything in one process with demo data (what npm start runs)', load: () => import('./main.js') },
};

const [role] = process.argv.splice(2, 1);
if (!role || !ROLES[role]) {
  console.log(['Usage: folio <role> [options]', '', ...Object.entries(ROLES).map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`)].join('\n'));
  process.exit(role && role !== '--help' && role !== 'help' ? 2 : 0);
}
await ROLES[role]!.load();
