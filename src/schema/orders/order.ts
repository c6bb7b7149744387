import type { Context } from '../../context.js';
import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { money } from '../../lib/money.js';
import { cancellable } from '../../orders/order-states.js';
import type { OrderEventRow, OrderLineRow, OrderRow, PaymentSummary, ShipmentRow } from '../../resolvers/orders/order-repository.js';
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
    carrier: t.exposeString('carrier', {
      nullable: true,
      description:
        "Who carries the parcel: the partner store's carrier as it reports it, or Folio Post from Folio's warehouses (null while a store has not said).",
    }),
    trackingNumber: t.exposeString('trackingNumber', { nullable: true, description: "The carrier's tracking number, once the shipment has shipped." }),
    estimatedDelivery: t.field({
      type: 'Date',
      nullable: true,
      description:
        "The day the parcel is expected at the door: the partner store's own estimate, or three working days after the order from Folio's warehouses.",
      resolve: (shipment) => shipment.estimatedDelivery && calendarDay(shipment.estimatedDelivery),
    }),
  }),
});

const PaymentSummaryRef = builder.objectRef<PaymentSummary>('PaymentSummary').implement({
  description: 'What was taken for an order: authorised, captured and refunded amounts, and the card as the payment provider describes it (never the token).',
  fields: (t) => ({
    authorized: t.field({ type: MoneyRef, resolve: (payment) => money(payment.authorizedCents, payment.currency) }),
    captured: t.field({ type: MoneyRef, resolve: (payment) => money(payment.capturedCents, payment.currency) }),
    refunded: t.field({ type: MoneyRef, resolve: (payment) => money(payment.refundedCents, payment.currency) }),
    brand: t.exposeString('brand', { nullable: true, description: 'The card brand, such as visa.' }),
    last4: t.exposeString('last4', { nullable: true, description: "The card number's last four digits." }),
  }),
});

/** Whether the caller holds the access token of this order (a guest's, from checkout). */
function followsByToken(context: Context, orderId: number, accessToken: string | null | undefined): boolean {
  return !!accessToken && context.services.accounts.canFollowOrder(orderId, accessToken);
}

/** A DATE column as pg reads it (local midnight of that day), back to its day. */
function calendarDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

const OrderEventRef = builder.objectRef<OrderEventRow>('OrderEvent').implement({
  fields: (t) => ({
    status: t.exposeString('status'),
    note: t.exposeString('note', { nullable: true }),
    at: t.field({ type: 'DateTime', resolve: (event) => event.at }),
  }),
});

export const OrderRef = builder.loadableNode('Order', {
  // Its owner, an admin, or a receipt: the checkout that just placed it, or a guest's access token for it.
  authScopes: (order: OrderRow) =>
    order.userId === null ? { admin: true, $granted: 'checkoutReceipt' } : { owner: order.userId, admin: true, $granted: 'checkoutReceipt' },
  id: { resolve: (order: OrderRow) => order.id, parse: nodeId },
  load: (ids: number[], context) => context.services.orders.ordersByIds(ids),
  fields: (t) => ({
    number: t.exposeString('number', { description: 'The order number to quote to support, such as F-26-000123.' }),
    status: t.field({ type: OrderStatusEnum, resolve: (order) => order.status }),
    total: t.field({ type: MoneyRef, resolve: (order) => money(order.totalCents, order.currency) }),
    payment: t.loadable({
      type: PaymentSummaryRef,
      nullable: true,
      description: 'What was authorised, captured and refunded for this order, and with which card.',
      load: (ids: number[], context) => context.services.orders.paymentsOf(ids),
      resolve: (order) => order.id,
    }),
    cancellable: t.loadable({
      type: 'Boolean',
      description: 'Whether cancelOrder would cancel it now: nothing of it packed yet, and not cancelled already.',
      load: async (ids: number[], context) =>
        (await context.services.orders.shipmentsOf(ids)).map(
          (shipments) =>
            shipments.some((shipment) => shipment.status !== 'CANCELLED') &&
            shipments.every((shipment) => shipment.status === 'CANCELLED' || cancellable(shipment.status)),
        ),
      resolve: (order) => order.id,
    }),
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
    description: "One of the viewer's orders, or with accessToken a guest's order (null when there is no such order). Anyone else's order is FORBIDDEN.",
    args: {
      id: t.arg.globalID({ required: true, for: OrderRef }),
      accessToken: t.arg.string({ description: 'The orderAccessToken a guest checkout returned.' }),
    },
    grantScopes: (_root, { id, accessToken }, context) => (followsByToken(context, id.id, accessToken) ? ['checkoutReceipt'] : []),
    resolve: (_root, { id }) => id.id,
  }),
);

builder.mutationField('cancelOrder', (t) =>
  t.field({
    type: OrderRef,
    description:
      "Cancels one of your orders (a guest's with its accessToken) until any of it is packed: partner orders are cancelled, stock goes back, the payment is refunded.",
    args: {
      id: t.arg.globalID({ required: true, for: OrderRef }),
      accessToken: t.arg.string({ description: 'The orderAccessToken a guest checkout returned.' }),
    },
    authScopes: (_root, { id, accessToken }, context) => (followsByToken(context, id.id, accessToken) ? true : { signedIn: true }),
    grantScopes: (_root, { id, accessToken }, context) => (followsByToken(context, id.id, accessToken) ? ['checkoutReceipt'] : []),
    ...whenSignedOut('Sign in to manage your orders, or pass the accessToken a guest checkout gave you.'),
    resolve: async (_root, { id, accessToken }, context) => {
      // authScopes let in only a holder of the order's token or a signed-in shopper.
      const by = followsByToken(context, id.id, accessToken) ? 'guest' : { userId: context.viewer!.userId };
      await context.services.fulfilment.cancel(by, id.id);
      return id.id;
    },
  }),
);

builder.subscriptionField('orderStatusChanged', (t) =>
  t.field({
    type: OrderRef,
    description:
      "One of your orders as it moves on (each shipment step and the order's own status); a guest follows theirs with the accessToken checkout returned.",
    args: {
      orderId: t.arg.globalID({ required: true, for: OrderRef }),
      accessToken: t.arg.string({ description: 'The orderAccessToken a guest checkout returned.' }),
    },
    // A guest's token opens its one order; everyone else signs in and follows their own.
    authScopes: (_root, { orderId, accessToken }, context) => (followsByToken(context, orderId.id, accessToken) ? true : { signedIn: true }),
    grantScopes: (_root, { orderId, accessToken }, context) => (followsByToken(context, orderId.id, accessToken) ? ['checkoutReceipt'] : []),
    ...whenSignedOut('Sign in to follow your orders, or pass the accessToken a guest checkout gave you.'),
    subscribe: async function* (_root, { orderId, accessToken }, context) {
      const byToken = followsByToken(context, orderId.id, accessToken);
      if (!byToken) {
        const [order] = await context.services.orders.ordersByIds([orderId.id]);
        if (!order || order.userId !== context.viewer?.userId) throw forbidden('You have no order with this id.');
      }
      for await (const change of context.services.events.subscribe('orderStatusChanged', String(orderId.id))) {
        if (!byToken) stillSignedIn(context);
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
