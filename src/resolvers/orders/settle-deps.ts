import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { PartnerNetwork } from '../../partners/network.js';
import type { PaymentProvider } from '../../payments/provider.js';
import type { StoreService } from '../stores/store-service.js';

/** What a settler needs to find out what the provider and the partner store hold, and to undo it. */
export interface SettleDeps {
  db: Kysely<Database>;
  payments: PaymentProvider;
  network: PartnerNetwork;
  stores: StoreService;
}
