import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { TokenSigner } from '../lib/tokens.js';
import { createAccountService } from './accounts/account-service.js';
import { createCatalogService } from './catalog/catalog-service.js';
import { createSearchService } from './catalog/search-service.js';

/** Every use case the API and the jobs call, built once per process over shared resources. */
export function createServices(db: Kysely<Database>, config: Pick<Config, 'authSecret' | 'AUTH_TOKEN_TTL_SECONDS'>) {
  return {
    accounts: createAccountService(db, new TokenSigner(config.authSecret, config.AUTH_TOKEN_TTL_SECONDS)),
    catalog: createCatalogService(db),
    search: createSearchService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
