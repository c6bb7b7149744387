import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.js';

/** How much each kind of interest in a book counts towards its refresh tier. */
export const DEMAND_WEIGHT = { view: 1, priceCheck: 2, cart: 5, alert: 20 } as const;

const FLUSH_EVERY_MS = 30_000;

/**
 * Counts shoppers' interest in books in memory and adds it to refresh_state every 30 seconds in one
 * statement, so the read path never writes. Interest lost in a crash is at most 30 s of counts.
 */
export class DemandRecorder {
  private pending = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly db: Kysely<Database>) {
    this.timer = setInterval(() => void this.flush().catch(() => {}), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  record(bookId: number, weight: number): void {
    this.pending.set(bookId, (this.pending.get(bookId) ?? 0) + weight);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const ids = [...batch.keys()].sort((a, b) => a - b);
    const weights = ids.map((id) => batch.get(id)!);
    await sql`
      INSERT INTO refresh_state (book_id, demand, tier, next_due_at)
      SELECT id, weight, 'COLD', now() FROM unnest(${ids}::bigint[], ${weights}::float8[]) AS u(id, weight)
      WHERE EXISTS (SELECT 1 FROM books WHERE books.id = u.id)
      ON CONFLICT (book_id) DO UPDATE SET demand = refresh_state.demand + EXCLUDED.demand`.execute(this.db);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch(() => {});
  }
}
