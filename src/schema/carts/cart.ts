import { money, moneyOrNull } from '../../lib/money.js';
import type { CartItemRow } from '../../resolvers/carts/cart-repository.js';
import type { CartAccess, CartView } from '../../resolvers/carts/cart-service.js';
import { BookRef } from '../catalog/book.js';
import { builder } from '../builder.js';
import { nodeId } from '../common/ids.js';
import { MoneyRef } from '../common/money.js';
import { whenSignedOut } from '../errors.js';
import type { Context } from '../../context.js';
import { StoreRef } from '../stores/store.js';

function access(context: Context, cartToken?: string | null): CartAccess {
  return { userId: context.viewer?.userId ?? null, cartToken: cartToken ?? null };
}

/** A line with the price it would cost now (null: no longer offered). */
interface PricedItem extends CartItemRow {
  currentPriceCents: number | null;
}

// One price look-up per cart per request, shared by items and subtotal.
const pricedItemsOf = new WeakMap<CartView, Promise<PricedItem[]>>();

function pricedItems(view: CartView, context: Context): Promise<PricedItem[]> {
  let items = pricedItemsOf.get(view);
  if (!items) {
    items = context.services.carts
      .currentUnitPrices(view.items)
      .then((prices) => view.items.map((item, index) => ({ ...item, currentPriceCents: prices[index] ?? null })));
    pricedItemsOf.set(view, items);
  }
  return items;
}

const CartItemRef = builder.objectRef<PricedItem>('CartItem').implement({
  fields: (t) => ({
    book: t.field({ type: BookRef, resolve: (item) => item.bookId }),
    store: t.field({
      type: StoreRef,
      nullable: true,
      description: 'Folio itself for first-party lines, otherwise the partner store.',
      resolve: (item) => item.storeId,
    }),
    quantity: t.exposeInt('quantity'),
    unitPrice: t.field({ type: MoneyRef, description: 'The price when it was added.', resolve: (item) => money(item.unitPriceCents, 'USD') }),
    currentPrice: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'The price now (what checkout charges); null when the store no longer offers it.',
      resolve: (item) => moneyOrNull(item.currentPriceCents, 'USD'),
    }),
    priceChanged: t.boolean({
      description: 'The price now differs from the price when it was added (or it is no longer offered).',
      resolve: (item) => item.currentPriceCents !== item.unitPriceCents,
    }),
  }),
});

export const CartRef = builder.loadableNode('Cart', {
  description: "A shopper's cart: a signed-in user's, or a guest's (reached with its cartToken).",
  id: { resolve: (view: CartView) => view.cart.id, parse: nodeId },
  // By id, only the signed-in user's own cart: a guest cart is reached through its token alone.
  load: async (ids: number[], context) => {
    const views = await context.services.carts.byIds(ids);
    return views.map((view) => (view && view.cart.userId !== null && view.cart.userId === context.viewer?.userId && view.cart.status === 'OPEN' ? view : null));
  },
  fields: (t) => ({
    version: t.int({ description: 'Bumped by every change; pass it back to refuse a change based on a stale read.', resolve: (view) => view.cart.version }),
    items: t.field({ type: [CartItemRef], resolve: (view, _args, context) => pricedItems(view, context) }),
    itemCount: t.int({ description: 'Copies in the cart.', resolve: (view) => view.items.reduce((sum, item) => sum + item.quantity, 0) }),
    subtotal: t.field({
      type: MoneyRef,
      description: 'At current prices (the snapshot where a line is no longer offered); shipping is added at checkout.',
      resolve: async (view, _args, context) => {
        const items = await pricedItems(view, context);
        return money(
          items.reduce((sum, item) => sum + (item.currentPriceCents ?? item.unitPriceCents) * item.quantity, 0),
          'USD',
        );
      },
    }),
    token: t.string({
      nullable: true,
      description: "A new guest cart's token, shown only by createCart: send it as cartToken (and to signIn to keep the cart).",
      resolve: (view) => view.token ?? null,
    }),
    expiresAt: t.field({
      type: 'DateTime',
      description: 'An untouched cart is dropped then (each change pushes it out).',
      resolve: (view) => view.cart.expiresAt,
    }),
  }),
});

builder.queryField('cart', (t) =>
  t.field({
    type: CartRef,
    nullable: true,
    description: "The signed-in user's cart, or a guest cart by its token; null when there is none.",
    args: { cartToken: t.arg.string() },
    resolve: (_root, { cartToken }, context) => context.services.carts.find(access(context, cartToken)),
  }),
);

const AddToCartInput = builder.inputType('AddToCartInput', {
  fields: (t) => ({
    cartToken: t.string({ description: 'For guests.' }),
    isbn: t.string({ required: true }),
    storeId: t.globalID({ for: StoreRef, description: "Default: Folio's own stock when it has the book, else the cheapest store." }),
    quantity: t.int({ required: true, description: 'Copies to add (1–99; a line holds at most 99).' }),
    idempotencyKey: t.string({ description: 'A retried add with the same key is not applied twice.' }),
    version: t.int({ description: 'The cart version you last saw; a stale one is refused with CONFLICT.' }),
  }),
});

const UpdateCartItemInput = builder.inputType('UpdateCartItemInput', {
  fields: (t) => ({
    cartToken: t.string(),
    isbn: t.string({ required: true }),
    storeId: t.globalID({ for: StoreRef, description: 'Needed only when the cart holds the book from several stores.' }),
    quantity: t.int({ required: true, description: 'The new quantity; 0 removes the line.' }),
    version: t.int(),
  }),
});

const RemoveCartItemInput = builder.inputType('RemoveCartItemInput', {
  fields: (t) => ({
    cartToken: t.string(),
    isbn: t.string({ required: true }),
    storeId: t.globalID({ for: StoreRef }),
    version: t.int(),
  }),
});

builder.mutationFields((t) => ({
  createCart: t.field({
    type: CartRef,
    description: "A guest cart (keep its token), or the signed-in user's cart.",
    resolve: (_root, _args, context) => context.services.carts.create(access(context)),
  }),
  addToCart: t.field({
    type: CartRef,
    args: { input: t.arg({ type: AddToCartInput, required: true }) },
    resolve: (_root, { input }, context) => context.services.carts.add(access(context, input.cartToken), { ...input, storeId: input.storeId?.id ?? null }),
  }),
  updateCartItem: t.field({
    type: CartRef,
    args: { input: t.arg({ type: UpdateCartItemInput, required: true }) },
    resolve: (_root, { input }, context) => context.services.carts.update(access(context, input.cartToken), { ...input, storeId: input.storeId?.id ?? null }),
  }),
  removeCartItem: t.field({
    type: CartRef,
    args: { input: t.arg({ type: RemoveCartItemInput, required: true }) },
    resolve: (_root, { input }, context) => context.services.carts.remove(access(context, input.cartToken), { ...input, storeId: input.storeId?.id ?? null }),
  }),
  clearCart: t.field({
    type: CartRef,
    args: { cartToken: t.arg.string(), version: t.arg.int() },
    resolve: (_root, { cartToken, version }, context) => context.services.carts.clear(access(context, cartToken), version),
  }),
  mergeCart: t.withAuth({ signedIn: true }).field({
    type: CartRef,
    description: "Moves a guest cart's lines into the signed-in user's cart (quantities added). signIn and signUp do it when given cartToken.",
    args: { cartToken: t.arg.string({ required: true }) },
    ...whenSignedOut('Sign in to keep a guest cart.'),
    resolve: (_root, { cartToken }, context) => {
      return context.services.carts.merge(context.viewer.userId, cartToken);
    },
  }),
}));
