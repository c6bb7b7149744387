import { useEffect, useState } from 'preact/hooks';
import { execute } from '../graphql';
import { useShipTo } from '../components/ship-to';
import { money, newKey } from '../format';
import type { CartFieldsFragment } from '../gql/graphql';
import { CartQuery, Checkout, RemoveCartItem, UpdateCartItem } from '../operations';
import { navigate } from '../router';
import { session, useSession } from '../session';
import { ErrorMessage } from '../components/error-message';

/** The cart with quantities, and checkout with an address and the test card. */
export function CartPage() {
  const [cart, setCart] = useState<CartFieldsFragment | null | undefined>(undefined);
  const [email, setEmail] = useState('');
  const [emailProblem, setEmailProblem] = useState<string | null>(null);
  const [lineProblem, setLineProblem] = useState<{ isbn: string; text: string } | null>(null);
  const { token } = useSession();
  const shipTo = useShipTo('address', token !== null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => newKey('checkout'));
  useEffect(() => {
    execute(CartQuery, { cartToken: session.cartToken() }).then(
      (data) => setCart(data.cart ?? null),
      (e: Error) => setError(e.message),
    );
  }, []);

  const change = async (isbn: string, storeId: string | undefined, quantity: number) => {
    setLineProblem(null);
    if (!Number.isInteger(quantity) || quantity < 0 || quantity > 99)
      return setLineProblem({ isbn, text: 'Choose from 1 to 99 copies (Remove takes the book out).' });
    const cartToken = session.cartToken();
    const data =
      quantity > 0
        ? (await execute(UpdateCartItem, { input: { cartToken, isbn, storeId, quantity } })).updateCartItem
        : (await execute(RemoveCartItem, { input: { cartToken, isbn, storeId } })).removeCartItem;
    setCart(data);
    session.cartChanged();
  };

  const checkout = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const badEmail = !token && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());
    setEmailProblem(badEmail ? 'Enter your e-mail address, like ada@example.com.' : null);
    const destination = await shipTo.destination().catch((e: Error) => void setError(e.message));
    if (badEmail) return document.getElementById('checkout-email')?.focus();
    if (!destination) return;
    setBusy(true);
    try {
      const { checkout: result } = await execute(Checkout, {
        input: { cartToken: session.cartToken(), paymentToken: 'tok_visa', idempotencyKey: key, ...destination, email: token ? null : email },
      });
      if (result.status === 'PLACED' && result.order) {
        session.cartChanged();
        if (result.orderAccessToken) session.rememberOrder(result.order.id, result.orderAccessToken);
        navigate(`/orders/${result.order.id}`);
        return;
      }
      setError([result.reason, ...result.problems.map((p) => `${p.book.title}: ${p.message}`)].filter(Boolean).join(' · '));
      setCart((await execute(CartQuery, { cartToken: session.cartToken() })).cart ?? null);
    } catch (e) {
      if (!shipTo.showRefusal(e)) setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (cart === undefined) return <p class="muted">Loading…</p>;
  if (!cart || cart.items.length === 0)
    return (
      <section>
        <h1>Your cart</h1>
        <p>
          Your cart is empty. <a href="/">Find a book</a>
        </p>
      </section>
    );
  return (
    <section aria-labelledby="cart-heading">
      <h1 id="cart-heading">Your cart</h1>
      <div class="table-scroll">
        <table class="cards">
          <thead>
            <tr>
              <th scope="col">Book</th>
              <th scope="col">From</th>
              <th scope="col">Price</th>
              <th scope="col">Quantity</th>
              <th scope="col">
                <span class="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cart.items.map((item) => (
              <tr key={item.book.isbn13 + (item.store?.id ?? '')}>
                <th scope="row">
                  <a href={`/books/${item.book.isbn13}`}>{item.book.title}</a>
                </th>
                <td data-label="From">{item.store?.name ?? 'Folio'}</td>
                <td data-label="Price">
                  {money(item.currentPrice ?? item.unitPrice)}
                  {item.priceChanged ? <span class="error"> (was {money(item.unitPrice)})</span> : null}
                </td>
                <td data-label="Quantity">
                  <label class="visually-hidden" for={`qty-${item.book.isbn13}`}>
                    Quantity of {item.book.title}
                  </label>
                  <input
                    id={`qty-${item.book.isbn13}`}
                    type="number"
                    min={1}
                    max={99}
                    value={item.quantity}
                    class="qty"
                    aria-invalid={lineProblem?.isbn === item.book.isbn13 ? true : undefined}
                    aria-describedby={lineProblem?.isbn === item.book.isbn13 ? `qty-${item.book.isbn13}-error` : undefined}
                    onChange={(e) =>
                      void change(item.book.isbn13, item.store?.id, Number((e.target as HTMLInputElement).value)).catch((err: Error) => setError(err.message))
                    }
                  />
                  {lineProblem?.isbn === item.book.isbn13 ? (
                    <p id={`qty-${item.book.isbn13}-error`} class="field-error" role="alert">
                      {lineProblem.text}
                    </p>
                  ) : null}
                </td>
                <td>
                  <button type="button" class="link" onClick={() => void change(item.book.isbn13, item.store?.id, 0)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Subtotal <strong>{money(cart.subtotal)}</strong> <span class="muted">(partner shipping is added at checkout)</span>
      </p>
      <form class="card" onSubmit={checkout} aria-labelledby="checkout-heading" noValidate>
        <h2 id="checkout-heading">Checkout</h2>
        {token ? null : (
          <>
            <label for="checkout-email">E-mail</label>
            <input
              id="checkout-email"
              type="email"
              autocomplete="email"
              value={email}
              onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
              aria-invalid={emailProblem ? true : undefined}
              aria-describedby={emailProblem ? 'checkout-email-error checkout-email-help' : 'checkout-email-help'}
            />
            {emailProblem ? (
              <p id="checkout-email-error" class="field-error">
                {emailProblem}
              </p>
            ) : null}
            <p id="checkout-email-help" class="muted">
              For the order confirmation and shipping updates. Open an account with it later and the order comes along.
            </p>
          </>
        )}
        {shipTo.fields}
        <p class="muted">
          Paid with the test card token <code>tok_visa</code>.
        </p>
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Placing the order…' : 'Place order'}
        </button>
      </form>
    </section>
  );
}
