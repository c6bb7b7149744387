import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../src/db/database.js';
import { IllegalMoveError, moveShipment, SHIPMENT_MOVES } from '../../src/orders/order-states.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ runWorker: false });
});
afterAll(() => t.close());

const STATUSES = Object.keys(SHIPMENT_MOVES) as OrderStatus[];

/** An order of one warehouse shipment, both already at `status`. */
async function shipmentAt(status: OrderStatus) {
  return t.app.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('warehouses')
      .values({ code: 'test', name: 'Test warehouse' })
      .onConflict((conflict) => conflict.column('code').doNothing())
      .execute();
    const warehouse = await trx.selectFrom('warehouses').select('id').where('code', '=', 'test').executeTakeFirstOrThrow();
    const { id: orderId } = await trx
      .insertInto('orders')
      .values({ userId: null, status, totalCents: 1_000, shippingAddress: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const shipment = await trx
      .insertInto('shipments')
      .values({ orderId, storeId: null, warehouseId: warehouse.id, partnerOrderId: null, partnerReference: null, status })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { orderId, shipmentId: shipment.id };
  });
}

async function eventsOf(orderId: number) {
  return t.app.db.selectFrom('orderEvents').select(['shipmentId', 'status']).where('orderId', '=', orderId).orderBy('id').execute();
}

async function statusOf(shipmentId: number) {
  return (await t.app.db.selectFrom('shipments').select('status').where('id', '=', shipmentId).executeTakeFirstOrThrow()).status;
}

describe('the order state machine', () => {
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const allowed = SHIPMENT_MOVES[from].includes(to);
      it(`${allowed ? 'moves' : 'refuses to move'} a shipment from ${from} to ${to}`, async () => {
        const { orderId, shipmentId } = await shipmentAt(from);
        const move = () =>
          t.app.db.transaction().execute((trx) => moveShipment(trx, { shipmentId, from, to, note: 'test', nextStepAt: new Date(Date.now() + 3_600_000) }));
        if (allowed) {
          expect(await move()).toEqual({ orderId, orderStatus: to });
          expect(await statusOf(shipmentId)).toBe(to);
          expect(await eventsOf(orderId)).toEqual([
            { shipmentId, status: to },
            { shipmentId: null, status: to },
          ]);
          // Once only: the shipment is no longer where the second move expects it.
          expect(await move()).toBeNull();
          expect(await eventsOf(orderId)).toHaveLength(2);
        } else {
          await expect(move()).rejects.toBeInstanceOf(IllegalMoveError);
          expect(await statusOf(shipmentId)).toBe(from);
          expect(await eventsOf(orderId)).toEqual([]);
        }
      });
    }
  }

  it('lets exactly one of two concurrent moves from the same status win', async () => {
    for (let round = 0; round < 10; round++) {
      const { orderId, shipmentId } = await shipmentAt('PLACED');
      const results = await Promise.all(
        (['PROCESSING', 'CANCELLED'] as const).map((to) =>
          t.app.db.transaction().execute((trx) => moveShipment(trx, { shipmentId, from: 'PLACED', to, note: null })),
        ),
      );
      expect(results.filter((result) => result !== null)).toHaveLength(1);
      const events = await eventsOf(orderId);
      expect(events.filter((event) => event.shipmentId === shipmentId)).toHaveLength(1);
      expect(await statusOf(shipmentId)).toBe(events[0]!.status);
    }
  });

  it("queues the shipment's next step with the move, and none after its last", async () => {
    const { shipmentId } = await shipmentAt('SHIPPED');
    const { shipmentId: packed } = await shipmentAt('PLACED');
    await t.app.db.transaction().execute(async (trx) => {
      await moveShipment(trx, { shipmentId, from: 'SHIPPED', to: 'DELIVERED', note: null, nextStepAt: new Date() });
      await moveShipment(trx, { shipmentId: packed, from: 'PLACED', to: 'PROCESSING', note: null, nextStepAt: new Date() });
    });
    const { rows } = await sql<{ key: string }>`SELECT key FROM graphile_worker.jobs WHERE key IS NOT NULL`.execute(t.app.db);
    const keys = rows.map((row) => row.key);
    expect(keys).toContain(`advance_shipment:${packed}:PROCESSING:0`);
    expect(keys.some((key) => key.startsWith(`advance_shipment:${shipmentId}:`))).toBe(false);
  });
});
