import type pg from 'pg';

/**
 * Orders the other benchmarks placed went to partner networks that are gone; their fulfilment would poll
 * this network about orders it never had, spending store budgets this benchmark measures. They are left
 * where they are, with no next step.
 */
export async function parkOtherBenchmarksOrders(pool: pg.Pool): Promise<void> {
  await pool.query(`UPDATE shipments SET next_step_at = NULL WHERE next_step_at IS NOT NULL`);
  await pool.query(`DELETE FROM graphile_worker._private_jobs j USING graphile_worker._private_tasks t
    WHERE j.task_id = t.id AND t.identifier IN ('start_fulfilment', 'advance_shipment', 'cancel_partner_order')`);
}
