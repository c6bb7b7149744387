import { loadConfig } from '../config.js';
import { createDatabase } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { embeddedOptionsFrom, startEmbeddedPostgres } from './embedded.js';

const config = loadConfig();
const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(embeddedOptionsFrom(config));
const { db, pool } = createDatabase({ connectionString: config.DATABASE_URL ?? embedded!.connectionString });
try {
  const applied = await migrateToLatest(pool);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await db.destroy();
  await embedded?.stop();
}
