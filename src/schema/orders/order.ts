import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { money } from '../../lib/money.js';
import type {
  OrderEventRow,
  OrderLineRow,
  OrderRow,
  ShipmentRow,
} from '../../resolvers/orders/order-repository.js';
import type { StoreRow } from '../../resolvers/stores/store-repository.js';
import { BookRef } from '../catalog/book.js';
import { builder } from '../builder.js';
import { AddressRef } from '../common/address.js';
import { nodeId } from '../common/ids.js';
import { requireAll } from '../common/loaders.js';
import { MoneyRef } from '../common/money.js';
import { forbidden, stillSignedIn, whenSignedOut } from '../errors.js';
import { forgetLoadedRows } from '../fresh-loads.js';
import { ViewerRef } from '../accounts/viewer.js';
import { StoreRef } from '../stores/store.js';

const ORDER_STATUSES = ['PLACED', 'PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;

export const OrderStatusEnum = builder.enumType('OrderStatus', { values: ORDER_STATUSES });

const OrderLineRef = builder.objectRef<OrderLineRow>('OrderLine').implement({
  fields: (t) => ({
    book: t.loadable({
      type: BookRef,
      load: (ids: number[], context) => context.services.catalog.booksByIds(ids).then(requireAll('Book')),
      resolve: (line) => line.bookId,
    }),
    quantity: t.exposeInt('quantity'),
    unitPrice: t.field({ type: MoneyRef, resolve: (line) => money(line.unitPriceCents, 'USD') }),
  }),
});

const ShipmentRef = builder.objectRef<ShipmentRow>('Shipment').implement({
  description: 'One per warehouse or partner store; a partner shipment is the order placed with that store.',
  fields: (t) => ({
    status: t.field({ type: OrderStatusEnum, resolve: (shipment) => shipment.status }),
    store: t.loadable({
      type: StoreRef,
      nullable: true,
      load: (ids: number[], context) => context.services.stores.storesByIds(ids).then(requireAll<StoreRow>('Store')),
      resolve: (shipment) => shipment.storeId,
    }),
    shipping: t.field({ type: MoneyRef, resolve: (shipment) => money(shipment.shippingCents, 'USD') }),
    partnerOrderId: t.exposeString('partnerOrderId', { nullable: true }),
  }),
});

const OrderEventRef = builder.objectRef<OrderEventRow>('OrderEvent').implement({
  fields: (t) => ({
    status: t.exposeString('status'),
    note: t.exposeString('note', { nullable: true }),
    at: t.field({ type: 'DateTime', resolve: (event) => event.at }),
  }),
});

export const OrderRef = builder.loadableNode('Order', {
  authScopes: (order: OrderRow) => (order.userId === null ? { admin: true, $granted: 'checkoutReceipt' } : { owner: order.userId, admin: true, $granted: 'checkoutReceipt' }),
  id: { resolve: (order: OrderRow) => order.id, parse: nodeId },
  load: (ids: number[], context) => context.services.orders.ordersByIds(ids),
  fields: (t) => ({
    status: t.field({ type: OrderStatusEnum, resolve: (order) => order.status }),
    total: t.field({ type: MoneyRef, resolve: (order) => money(order.totalCents, order.currency) }),
    placedAt: t.field({ type: 'DateTime', resolve: (order) => order.placedAt }),
    shippingAddress: t.field({
      type: AddressRef,
      nullable: true,
      description: 'Where it goes: the address given at checkout or to purchaseBook (null only on orders placed before purchases asked for one).',
      resolve: (order) => order.shippingAddress,
    }),
    lines: t.loadableList({ type: OrderLineRef, load: (ids: number[], context) => context.services.orders.linesOf(ids), resolve: (order) => order.id }),
    shipments: t.loadableList({ type: ShipmentRef, load: (ids: number[], context) => context.services.orders.shipmentsOf(ids), resolve: (order) => order.id }),
    events: t.loadableList({ type: OrderEventRef, load: (ids: number[], context) => context.services.orders.eventsOf(ids), resolve: (order) => order.id }),
  }),
});

builder.queryField('order', (t) =>
  t.field({
    type: OrderRef,
    nullable: true,
    description: "One of the viewer's orders (null when there is no such order).",
    args: { id: t.arg.globalID({ required: true, for: OrderRef }) },
    resolve: (_root, { id }) => id.id,
  }),
);

builder.mutationField('cancelOrder', (t) =>
  t.withAuth({ signedIn: true }).field({
    type: OrderRef,
    description: 'Cancels one of your orders until any of it is packed: partner orders are cancelled, stock goes back, the payment is refunded.',
    args: { id: t.arg.globalID({ required: true, for: OrderRef }) },
    ...whenSignedOut('Sign in to manage your orders.'),
    resolve: async (_root, { id }, context) => {
      await context.services.fulfilment.cancel(context.viewer.userId, id.id);
      return id.id;
    },
  }),
);

builder.subscriptionField('orderStatusChanged', (t) =>
  t.withAuth({ signedIn: true }).field({
    type: OrderRef,
    description: 'One of your orders as it moves on (each shipment step and the order\'s own status).',
    args: { orderId: t.arg.globalID({ required: true, for: OrderRef }) },
    ...whenSignedOut('Sign in to follow your orders.'),
    subscribe: async function* (_root, { orderId }, context) {
      const [order] = await context.services.orders.ordersByIds([orderId.id]);
      if (!order || order.userId !== context.viewer.userId) throw forbidden('You have no order with this id.');
      for await (const change of context.services.events.subscribe('orderStatusChanged', String(orderId.id))) {
        stillSignedIn(context);
        forgetLoadedRows(context);
        yield change.orderId;
      }
    },
    resolve: (orderId) => orderId,
  }),
);

builder.objectField(ViewerRef, 'orders', (t) =>
  t.connection(
    {
      type: OrderRef,
      description: 'Your orders, newest first.',
      resolve: (viewer, args, context) =>
        resolveCursorConnection(
          { args, toCursor: (order: OrderRow) => String(order.id), defaultSize: 20, maxSize: 100 },
          ({ after, limit }: ResolveCursorConnectionArgs) => context.services.orders.pageOfUser(viewer.userId, after ? Number(after) || null : null, limit),
        ),
    },
    {
      name: 'OrderConnection',
      fields: (t) => ({ totalCount: t.int({ resolve: (_connection, _args, context) => context.services.orders.countOfUser(context.viewer!.userId) }) }),
    },
  ),
);
