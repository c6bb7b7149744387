import { execute, RequestError } from './graphql';
import { AddToCart, CreateCart } from './operations';
import { session } from './session';

async function newGuestCart(): Promise<string> {
  const token = (await execute(CreateCart)).createCart.token;
  if (!token) throw new RequestError([{ message: 'Could not start a cart. Try again.' }]);
  session.setCartToken(token);
  return token;
}

const cartGone = (error: unknown) => error instanceof RequestError && error.errors[0]?.extensions?.field === 'cartToken';

/**
 * Adds one copy from a store to the shopper's cart: a signed-in shopper's own, else the guest cart this
 * browser keeps (started on the first add, and started again if it expired or was merged).
 */
export async function addToCart(isbn: string, storeId: string): Promise<void> {
  const add = (cartToken: string | null) => execute(AddToCart, { input: { isbn, storeId, quantity: 1, cartToken } });
  if (session.token()) {
    await add(null);
  } else {
    try {
      await add(session.cartToken() ?? (await newGuestCart()));
    } catch (error) {
      if (!cartGone(error)) throw error;
      await add(await newGuestCart());
    }
  }
  session.cartChanged();
}
