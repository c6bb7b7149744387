import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { releaseExpiredReservations } from './inventory-repository.js';

/** Holds ended per transaction by the sweeper: short transactions, so checkouts never wait long on it. */
const SWEEP_BATCH = 1_000;

export function createInventoryService(db: Kysely<Database>) {
  return {
    /** Ends every expired hold, a batch at a time; returns how many. */
    async releaseExpired(): Promise<number> {
      let total = 0;
      for (let released = await releaseExpiredReservations(db, SWEEP_BATCH); released > 0; released = await releaseExpiredReservations(db, SWEEP_BATCH)) {
        total += released;
      }
      return total;
    },
  };
}

export type InventoryService = ReturnType<typeof createInventoryService>;
