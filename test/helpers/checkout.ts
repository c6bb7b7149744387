import { ADDRESS } from '../factories/address.js';
import type { Shop } from './shop.js';

export interface CheckoutAnswer {
  status: string;
  reason: string | null;
  total: { cents: number } | null;
  order: { id: string; status: string; total: { cents: number }; shipments: { status: string }[]; lines: { quantity: number }[] } | null;
  problems: { kind: string; message: string; availableQuantity: number | null; newPrice: { cents: number } | null; book: { isbn13: string } }[];
}

const FIELDS = `status reason total { cents } order { id status total { cents } shipments { status } lines { quantity } }
  problems { kind message availableQuantity newPrice { cents } book { isbn13 } }`;

export function checkout(shop: Shop, input: Record<string, unknown>, token?: string) {
  return shop.t.execute<{ checkout: CheckoutAnswer }>(
    `mutation ($input: CheckoutInput!) { checkout(input: $input) { ${FIELDS} } }`,
    { input: { paymentToken: 'tok_visa', shippingAddress: ADDRESS, ...input } },
    token,
  );
}

/** A guest cart holding these lines (added through the API); returns its token. */
export async function guestCart(shop: Shop, lines: { isbn: string; quantity: number; storeId?: string }[]): Promise<string> {
  const created = await shop.t.execute<{ createCart: { token: string } }>('mutation { createCart { token } }');
  const cartToken = created.data!.createCart.token;
  for (const line of lines) {
    const added = await shop.t.execute('mutation ($input: AddToCartInput!) { addToCart(input: $input) { version } }', { input: { cartToken, ...line } });
    if (added.errors) throw new Error(JSON.stringify(added.errors));
  }
  return cartToken;
}
