import { useEffect, useState } from 'preact/hooks';
import { execute } from './graphql';
import { CartQuery } from './operations';
import { AccountPage } from './pages/account';
import { AlertsPage } from './pages/alerts';
import { BookPage } from './pages/book';
import { CartPage } from './pages/cart';
import { OrderPage } from './pages/order';
import { OrdersPage } from './pages/orders';
import { SearchPage } from './pages/search';
import { SignInPage } from './pages/sign-in';
import { SearchBox } from './components/search-box';
import { useLocation } from './router';
import { session, useSession } from './session';

/** Which page a path shows. */
function Page({ url }: { url: URL }) {
  const path = url.pathname;
  const book = /^\/books\/([\dXx-]+)$/.exec(path);
  if (book) return <BookPage isbn={book[1]!} />;
  const order = /^\/orders\/([^/]+)$/.exec(path);
  if (order) return <OrderPage id={decodeURIComponent(order[1]!)} />;
  if (path === '/cart') return <CartPage />;
  if (path === '/orders') return <OrdersPage />;
  if (path === '/alerts') return <AlertsPage />;
  if (path === '/account') return <AccountPage />;
  if (path === '/sign-in') return <SignInPage next={url.searchParams.get('next') ?? '/'} />;
  if (path === '/') return <SearchPage url={url} />;
  return <NotFound />;
}

function NotFound() {
  useEffect(() => {
    document.title = 'Page not found — Folio';
  }, []);
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <a href="/">Search the books</a> by title, author or ISBN.
      </p>
    </section>
  );
}

function CartLink() {
  const { token, cartToken } = useSession();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const load = () => {
      if (!token && !session.cartToken()) return setCount(0);
      execute(CartQuery, { cartToken: session.cartToken() }).then(
        (data) => setCount(data.cart?.itemCount ?? 0),
        () => setCount(null),
      );
    };
    load();
    return session.onChange(load);
  }, [token, cartToken]);
  return (
    <a href="/cart">
      Cart
      {count ? (
        <span class="badge" aria-label={`${count} items`}>
          {count}
        </span>
      ) : null}
    </a>
  );
}

export function App() {
  const url = useLocation();
  const { email } = useSession();
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [url.pathname]);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <a class="brand" href="/">
          Folio
        </a>
        <SearchBox initial={url.pathname === '/' ? (url.searchParams.get('q') ?? '') : ''} />
        <nav aria-label="Account">
          <a href="/alerts">Alerts</a>
          {email ? <a href="/orders">Orders</a> : null}
          {email ? <a href="/account">Account</a> : null}
          <CartLink />
          {email ? (
            <button type="button" class="link" onClick={() => session.signOut()}>
              Sign out <span class="muted">({email})</span>
            </button>
          ) : (
            <a href={`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`}>Sign in</a>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Page url={url} />
      </main>
    </>
  );
}
