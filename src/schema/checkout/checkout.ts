import { money, moneyOrNull } from '../../lib/money.js';
import type { CartProblem, CheckoutRow } from '../../resolvers/checkout/checkout-repository.js';
import { BookRef } from '../catalog/book.js';
import { builder } from '../builder.js';
import { SavedAddressRef } from '../accounts/addresses.js';
import { AddressInput } from '../common/address.js';
import { MoneyRef } from '../common/money.js';
import { OrderRef } from '../orders/order.js';
import { StoreRef } from '../stores/store.js';

type CheckoutOutcome = CheckoutRow | { status: 'EMPTY_CART' };

const CheckoutStatusEnum = builder.enumType('CheckoutStatus', {
  values: {
    PLACED: { description: 'Ordered and paid.' },
    OUT_OF_STOCK: { description: 'A line is sold out or short (see problems); nothing was charged.' },
    PRICE_CHANGED: { description: 'A price moved (see problems; the cart now shows the new prices); nothing was charged.' },
    PAYMENT_DECLINED: { description: 'The card was declined; stock held for it was released.' },
    EMPTY_CART: { description: 'There is nothing to check out.' },
    FAILED: { description: 'A store or the payment provider failed (see reason); nothing was charged.' },
    IN_PROGRESS: { description: 'A repeat of a checkout that is still running: ask again with the same key.' },
  },
});

const CartProblemKindEnum = builder.enumType('CartProblemKind', { values: ['OUT_OF_STOCK', 'PRICE_CHANGED', 'UNAVAILABLE'] as const });

const CartProblemRef = builder.objectRef<CartProblem>('CartProblem').implement({
  description: 'A cart line that stopped the checkout.',
  fields: (t) => ({
    book: t.field({ type: BookRef, resolve: (problem) => problem.bookId }),
    store: t.field({ type: StoreRef, nullable: true, resolve: (problem) => problem.storeId }),
    kind: t.field({ type: CartProblemKindEnum, resolve: (problem) => problem.kind }),
    message: t.exposeString('message'),
    availableQuantity: t.int({ nullable: true, resolve: (problem) => problem.availableQuantity ?? null }),
    oldPrice: t.field({ type: MoneyRef, nullable: true, resolve: (problem) => moneyOrNull(problem.oldPriceCents ?? null, 'USD') }),
    newPrice: t.field({ type: MoneyRef, nullable: true, resolve: (problem) => moneyOrNull(problem.newPriceCents ?? null, 'USD') }),
  }),
});

const CheckoutResultRef = builder.objectRef<CheckoutOutcome>('CheckoutResult').implement({
  fields: (t) => ({
    status: t.field({ type: CheckoutStatusEnum, resolve: (result) => result.status }),
    order: t.field({
      type: OrderRef,
      nullable: true,
      // The buyer sees the order they just placed, guests included (a guest's order has no owner to check).
      grantScopes: ['checkoutReceipt'],
      resolve: (result) => ('orderId' in result ? result.orderId : null),
    }),
    problems: t.field({ type: [CartProblemRef], resolve: (result) => ('problems' in result ? (result.problems as CartProblem[]) : []) }),
    reason: t.string({ nullable: true, resolve: (result) => ('reason' in result ? result.reason : 'The cart is empty') }),
    total: t.field({
      type: MoneyRef,
      nullable: true,
      resolve: (result) => ('totalCents' in result && result.status === 'PLACED' ? money(result.totalCents!, 'USD') : null),
    }),
    orderAccessToken: t.string({
      nullable: true,
      description:
        "A guest's key to the order just placed: pass it to order(id:, accessToken:) and orderStatusChanged to follow the order without an account. Null for signed-in shoppers, whose orders are in viewer.orders.",
      resolve: (result, _args, context) =>
        'orderId' in result && result.orderId !== null && result.userId === null ? context.services.accounts.orderAccessToken(result.orderId) : null,
    }),
  }),
});

const CheckoutInput = builder.inputType('CheckoutInput', {
  fields: (t) => ({
    cartToken: t.string({ description: 'For guests.' }),
    paymentToken: t.string({ required: true }),
    idempotencyKey: t.string({ required: true, description: 'Repeat it to retry safely: one key places at most one order.' }),
    shippingAddress: t.field({ type: AddressInput, description: 'Where the order goes; required unless addressId names a saved address.' }),
    addressId: t.globalID({ for: SavedAddressRef, description: 'One of your saved addresses (signed in only), instead of shippingAddress.' }),
    email: t.string({ description: "A guest's e-mail: opening an account (or signing in) with it later puts the order in that account's viewer.orders." }),
  }),
});

builder.mutationField('checkout', (t) =>
  t.field({
    type: CheckoutResultRef,
    args: { input: t.arg({ type: CheckoutInput, required: true }) },
    resolve: (_root, { input }, context) =>
      context.services.checkout.checkout(
        { userId: context.viewer?.userId ?? null, cartToken: input.cartToken ?? null },
        { ...input, addressId: input.addressId?.id ?? null },
      ),
  }),
);
