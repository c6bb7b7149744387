import { type Kysely, sql } from 'kysely';
import type { Database, Transaction } from '../../db/database.js';

/** Units of one book wanted from Folio's warehouses. */
export interface StockRequest {
  bookId: number;
  quantity: number;
}

export interface Hold {
  reservationId: number;
  bookId: number;
  warehouseId: number;
  quantity: number;
}

export type ReserveOutcome = { ok: true; holds: Hold[] } | { ok: false; shortages: { bookId: number; available: number }[] };

interface InventoryRow {
  warehouseId: number;
  available: number;
}

/**
 * Holds first-party stock for a checkout, all or nothing, inside the caller's transaction. Inventory
 * rows are locked in (book, warehouse) order whatever the order of the cart, so carts with the same
 * books in different orders queue instead of deadlocking. Holds that have expired give their units back
 * first when they are needed (their units are free from expires_at on). Each warehouse row then takes
 * what it can with a conditional UPDATE — the row's CHECK (reserved + sold <= on_hand) is the last line
 * of defence.
 */
export async function reserveStock(trx: Transaction, requests: readonly StockRequest[], holder: string, ttlSeconds: number): Promise<ReserveOutcome> {
  const wanted = mergeRequests(requests);
  // Every row is locked and counted before anything is held: a shortage anywhere holds nothing.
  const rowsOf = new Map<number, InventoryRow[]>();
  for (const { bookId, quantity } of wanted) rowsOf.set(bookId, await lockInventory(trx, bookId, quantity));
  const shortages = wanted
    .map(({ bookId, quantity }) => ({ bookId, quantity, available: rowsOf.get(bookId)!.reduce((sum, row) => sum + row.available, 0) }))
    .filter((entry) => entry.available < entry.quantity)
    .map(({ bookId, available }) => ({ bookId, available }));
  if (shortages.length > 0) return { ok: false, shortages };
  const holds: Hold[] = [];
  for (const { bookId, quantity } of wanted) {
    let remaining = quantity;
    for (const row of rowsOf.get(bookId)!) {
      const take = Math.min(remaining, row.available);
      if (take <= 0) continue;
      holds.push(await hold(trx, bookId, row.warehouseId, take, holder, ttlSeconds));
      remaining -= take;
    }
  }
  return { ok: true, holds };
}

function mergeRequests(requests: readonly StockRequest[]): StockRequest[] {
  const byBook = new Map<number, number>();
  for (const { bookId, quantity } of requests) byBook.set(bookId, (byBook.get(bookId) ?? 0) + quantity);
  return [...byBook].map(([bookId, quantity]) => ({ bookId, quantity })).sort((a, b) => a.bookId - b.bookId);
}

/**
 * Locks the book's inventory rows (warehouse order) and returns what each can give. Holds that expired
 * still count against their rows until the sweeper ends them; they are ended here first only when the
 * units are needed.
 */
async function lockInventory(trx: Transaction, bookId: number, wanted: number): Promise<InventoryRow[]> {
  const counted = async () => {
    const { rows } = await sql<InventoryRow>`
      SELECT warehouse_id, on_hand - reserved - sold AS available FROM inventory WHERE book_id = ${bookId} ORDER BY warehouse_id FOR UPDATE`.execute(trx);
    return rows;
  };
  const rows = await counted();
  if (rows.reduce((sum, row) => sum + row.available, 0) >= wanted) return rows;
  const released = await releaseHolds(trx, sql`book_id = ${bookId} AND status = 'HELD' AND expires_at <= now()`, 'EXPIRED');
  return released > 0 ? counted() : rows;
}

/** Takes units from one warehouse row (locked and counted by the caller) and writes their hold, in one statement. */
async function hold(trx: Transaction, bookId: number, warehouseId: number, quantity: number, holder: string, ttlSeconds: number): Promise<Hold> {
  const { rows } = await sql<{ id: number }>`
    WITH taken AS (
      UPDATE inventory SET reserved = reserved + ${quantity}
      WHERE book_id = ${bookId} AND warehouse_id = ${warehouseId} AND on_hand - reserved - sold >= ${quantity} RETURNING book_id, warehouse_id
    )
    INSERT INTO reservations (book_id, warehouse_id, quantity, holder, expires_at)
    SELECT book_id, warehouse_id, ${quantity}, ${holder}, now() + ${ttlSeconds} * interval '1 second' FROM taken RETURNING id`.execute(trx);
  if (!rows[0]) throw new Error(`inventory of book ${bookId} in warehouse ${warehouseId} changed under its lock`);
  return { reservationId: rows[0].id, bookId, warehouseId, quantity };
}

/**
 * Ends the HELD reservations matching `where` (RELEASED or EXPIRED) and gives their units back, or
 * (CONFIRMED) turns them into sold units. One statement: a hold can never be ended twice.
 */
async function releaseHolds(trx: Transaction | Kysely<Database>, where: ReturnType<typeof sql>, status: 'RELEASED' | 'EXPIRED' | 'CONFIRMED'): Promise<number> {
  const sold = status === 'CONFIRMED' ? sql`e.quantity` : sql`0`;
  const { rows } = await sql<{ n: number }>`
    WITH ended AS (
      UPDATE reservations SET status = ${status} WHERE ${where} RETURNING book_id, warehouse_id, quantity
    ), totals AS (
      SELECT book_id, warehouse_id, sum(quantity)::int AS quantity FROM ended GROUP BY book_id, warehouse_id
    ), updated AS (
      UPDATE inventory i SET reserved = i.reserved - e.quantity, sold = i.sold + ${sold}
      FROM totals e WHERE i.book_id = e.book_id AND i.warehouse_id = e.warehouse_id RETURNING 1
    )
    SELECT (SELECT count(*) FROM ended)::int AS n`.execute(trx);
  return rows[0]?.n ?? 0;
}

/** Locks the inventory rows this holder's holds are on, in checkout order, before their holds are touched. */
async function lockInventoryOfHolder(trx: Transaction, holder: string): Promise<void> {
  await sql`SELECT 1 FROM inventory WHERE (book_id, warehouse_id) IN (SELECT book_id, warehouse_id FROM reservations WHERE holder = ${holder})
    ORDER BY book_id, warehouse_id FOR UPDATE`.execute(trx);
}

/** The checkout failed or was cancelled: its holds give their units back. */
export async function releaseReservations(trx: Transaction, holder: string): Promise<number> {
  // Inventory rows first, as every other writer takes them: holds and stock are never locked in opposite orders.
  await lockInventoryOfHolder(trx, holder);
  return releaseHolds(trx, sql`holder = ${holder} AND status = 'HELD'`, 'RELEASED');
}

/** Paid: the checkout's holds become sold units. False when a hold had already ended (expired). */
export async function confirmReservations(trx: Transaction, holder: string, expected: number): Promise<boolean> {
  await lockInventoryOfHolder(trx, holder);
  return (await releaseHolds(trx, sql`holder = ${holder} AND status = 'HELD'`, 'CONFIRMED')) === expected;
}

/**
 * The sweeper (a cron job): ends expired holds in batches, one book at a time in the checkout's lock
 * order (inventory rows first), so it never deadlocks with a checkout. Returns how many it released.
 */
export async function releaseExpiredReservations(db: Kysely<Database>, batch: number): Promise<number> {
  const { rows } = await sql<{ bookId: number }>`
    SELECT DISTINCT book_id FROM (SELECT book_id FROM reservations WHERE status = 'HELD' AND expires_at <= now() ORDER BY expires_at LIMIT ${batch}) due
    ORDER BY book_id`.execute(db);
  if (rows.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const books = rows.map((row) => row.bookId);
    await sql`SELECT 1 FROM inventory WHERE book_id = any(${books}::bigint[]) ORDER BY book_id, warehouse_id FOR UPDATE`.execute(trx);
    return releaseHolds(trx, sql`book_id = any(${books}::bigint[]) AND status = 'HELD' AND expires_at <= now()`, 'EXPIRED');
  });
}
