import { useEffect, useState } from 'preact/hooks';

/** Who is shopping: the token of a signed-in shopper and a guest's cart token, kept across visits. */
const TOKEN = 'folio.token';
const EMAIL = 'folio.email';
const CART = 'folio.cartToken';
const ORDER = 'folio.order.';
const listeners = new Set<() => void>();

function store(key: string, value: string | null): void {
  if (value === null) localStorage.removeItem(key);
  else localStorage.setItem(key, value);
  for (const listener of listeners) listener();
}

export const session = {
  token: () => localStorage.getItem(TOKEN),
  email: () => localStorage.getItem(EMAIL),
  cartToken: () => localStorage.getItem(CART),
  signedIn(token: string, email: string): void {
    localStorage.setItem(EMAIL, email);
    store(TOKEN, token);
  },
  signOut(): void {
    localStorage.removeItem(EMAIL);
    store(TOKEN, null);
  },
  setCartToken: (token: string | null) => store(CART, token),
  /** A guest's key to an order they placed, kept so they can come back to it. */
  orderToken: (orderId: string): string | null => localStorage.getItem(`${ORDER}${orderId}`),
  rememberOrder: (orderId: string, accessToken: string) => localStorage.setItem(`${ORDER}${orderId}`, accessToken),
  /** Something in the cart changed (the header's count follows). */
  cartChanged: () => store('folio.cartChangedAt', String(Date.now())),
  onChange(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Re-renders the component when the session changes. */
export function useSession() {
  const [, setVersion] = useState(0);
  useEffect(() => session.onChange(() => setVersion((version) => version + 1)), []);
  return { token: session.token(), email: session.email(), cartToken: session.cartToken() };
}
