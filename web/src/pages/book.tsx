import { useEffect, useState } from 'preact/hooks';
import { execute, type RequestError, subscribe } from '../graphql';
import { age, describeAlert, money, newKey, parseDollars } from '../format';
import type { AlertFieldsFragment, BookPageQuery, OfferFieldsFragment, PurchaseBookMutation } from '../gql/graphql';
import { BookOffers, BookPage as BookQuery, CreateAlert, MyAlerts, OffersUpdated, PriceDropped, PurchaseBook } from '../operations';
import { Cover } from '../components/cover';
import { useShipTo } from '../components/ship-to';
import { PriceHistory } from '../components/price-history';
import { addToCart } from '../cart';
import { navigate } from '../router';
import { useSession } from '../session';
import { ErrorMessage } from '../components/error-message';

type Book = NonNullable<BookPageQuery['book']>;

/** In-stock offers first, each group cheapest total first. */
function ranked(offers: OfferFieldsFragment[]): OfferFieldsFragment[] {
  return [...offers].sort((a, b) => Number(b.inStock) - Number(a.inStock) || a.total.cents - b.total.cents);
}

/** A live update replaces its store's row. */
function merged(offers: OfferFieldsFragment[], update: OfferFieldsFragment): OfferFieldsFragment[] {
  return ranked([...offers.filter((offer) => offer.store.id !== update.store.id), update]);
}

interface OffersState {
  offers: OfferFieldsFragment[];
  loading: boolean;
  /** When the last look-up finished: what is drawn from the recorded prices follows it. */
  settledAt: number;
  error: string | null;
  askEveryStore: () => void;
}

/** Folio's own offer and every store's, kept live: stores answering a look-up show up one by one. */
function useOffers(isbn: string): OffersState {
  const [offers, setOffers] = useState<OfferFieldsFragment[]>([]);
  const [loading, setLoading] = useState(true);
  const [settledAt, setSettledAt] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // Offers older than ten minutes (or never heard) are asked for live; their answers stream in as they come.
  const load = (maxAgeSeconds = 600) => {
    setLoading(true);
    execute(BookOffers, { isbn, maxAgeSeconds })
      .then(
        (data) => setOffers(ranked([...(data.book?.ownOffer ? [data.book.ownOffer] : []), ...(data.book?.offers ?? [])])),
        (e: RequestError) => setError(e.message),
      )
      .finally(() => {
        setLoading(false);
        setSettledAt(Date.now());
      });
  };
  useEffect(() => {
    setOffers([]);
    // Subscribed first, so stores answering the look-up below show up one by one.
    const stop = subscribe(OffersUpdated, { isbn }, (data) => setOffers((current) => merged(current, data.offersUpdated)));
    load();
    return stop;
  }, [isbn]);
  return { offers, loading, settledAt, error, askEveryStore: () => load(0) };
}

/** "Prices at 28 stores and at Folio": Folio's own copy is not counted as a store. */
function offersHeading(offers: OfferFieldsFragment[]): string {
  const partners = offers.filter((offer) => offer.store.kind !== 'FIRST_PARTY').length;
  const own = partners < offers.length ? ' and at Folio' : '';
  return `Prices at ${partners} ${partners === 1 ? 'store' : 'stores'}${own}`;
}

const storeName = (offer: OfferFieldsFragment) => (offer.store.kind === 'FIRST_PARTY' ? 'Folio (our own stock)' : offer.store.name);

/** "Add to cart" and "Buy here" for one store's offer; a note says what happened. */
function useCartActions(isbn: string) {
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const put = async (offer: OfferFieldsFragment, thenCheckout: boolean) => {
    try {
      await addToCart(isbn, offer.store.id);
      if (thenCheckout) return navigate('/cart');
      setNote({ ok: true, text: `Added to your cart from ${storeName(offer)}.` });
    } catch (e) {
      setNote({ ok: false, text: (e as Error).message });
    }
  };
  return { note, put };
}

function CartNote({ note }: { note: { ok: boolean; text: string } | null }) {
  return (
    <p role="status" class={note?.ok === false ? 'error' : 'ok'}>
      {note ? (
        <>
          {note.text} {note.ok ? <a href="/cart">Go to cart</a> : null}
        </>
      ) : null}
    </p>
  );
}

/** The best offer now and the one action most shoppers want. */
function BestOffer({ isbn, state }: { isbn: string; state: OffersState }) {
  const { note, put } = useCartActions(isbn);
  const best = state.offers.find((offer) => offer.inStock);
  if (!best) {
    return (
      <div class="best-offer card">
        <p>
          {state.loading ? 'Asking the stores for their prices…' : 'No store has it in stock right now. Set an alert below and Folio tells you when one does.'}
        </p>
      </div>
    );
  }
  return (
    <div class="best-offer card" aria-labelledby="best-heading">
      <h2 id="best-heading" class="visually-hidden">
        Best price
      </h2>
      <p class="best-price">
        <span class="muted">Best price now</span> <strong>{money(best.total)}</strong>
      </p>
      <p>
        at {storeName(best)} · {best.shipping.cents === 0 ? 'free shipping' : `${money(best.price)} + ${money(best.shipping)} shipping`}
      </p>
      <div class="actions">
        <button type="button" onClick={() => void put(best, false)}>
          Add to cart
        </button>
        <button type="button" class="secondary" onClick={() => void put(best, true)}>
          Buy now
        </button>
      </div>
      <CartNote note={note} />
    </div>
  );
}

/** Rows shown before "Show all": the cheapest ten answer most visits, and a phone need not scroll past fifty cards. */
const FIRST_OFFERS = 10;

function Offers({ isbn, state }: { isbn: string; state: OffersState }) {
  const { offers, loading, error } = state;
  const { note, put } = useCartActions(isbn);
  const [all, setAll] = useState(false);
  const shown = all ? offers : offers.slice(0, FIRST_OFFERS);
  return (
    <section aria-labelledby="offers-heading">
      <h2 id="offers-heading">{offersHeading(offers)}</h2>
      <p class="muted" aria-live="polite">
        {loading ? 'Asking the stores…' : 'In stock first, cheapest total first; rows update as stores answer.'}{' '}
        <button type="button" class="link" onClick={state.askEveryStore} disabled={loading}>
          Ask every store now
        </button>
      </p>
      <ErrorMessage error={error} />
      <CartNote note={note} />
      <div class="table-scroll">
        <table class="offers cards">
          <thead>
            <tr>
              <th scope="col">Store</th>
              <th scope="col">Price</th>
              <th scope="col">Shipping</th>
              <th scope="col">Total</th>
              <th scope="col">Checked</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((offer) => (
              <tr key={offer.store.id} class={offer.inStock ? '' : 'out-of-stock'}>
                <th scope="row">{storeName(offer)}</th>
                <td data-label="Price">{money(offer.price)}</td>
                <td data-label="Shipping">{offer.shipping.cents === 0 ? 'free' : money(offer.shipping)}</td>
                <td data-label="Total">
                  <strong>{offer.inStock ? money(offer.total) : 'Out of stock'}</strong>
                </td>
                <td data-label="Checked" class="muted">
                  {offer.store.kind === 'FIRST_PARTY' ? 'now' : age(offer.ageSeconds)}
                </td>
                <td class="row-actions">
                  {offer.inStock ? (
                    <>
                      <button type="button" class="secondary" aria-label={`Add to cart from ${storeName(offer)}`} onClick={() => void put(offer, false)}>
                        Add to cart
                      </button>{' '}
                      <button type="button" class="secondary" aria-label={`Buy here, at ${storeName(offer)}`} onClick={() => void put(offer, true)}>
                        Buy here
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {offers.length > FIRST_OFFERS ? (
        <button type="button" class="secondary" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show the ten cheapest only' : `Show all ${offers.length} offers`}
        </button>
      ) : null}
    </section>
  );
}

function SignInFirst({ what }: { what: string }) {
  return (
    <p>
      <a href={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>Sign in</a> to {what}.
    </p>
  );
}

function BuyForm({ book }: { book: Book }) {
  const { token } = useSession();
  const [max, setMax] = useState('');
  const shipTo = useShipTo('buy-address', token !== null);
  const [keepWatching, setKeepWatching] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PurchaseBookMutation['purchaseBook'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!token)
    return (
      <div class="card">
        <h2>Buy if the price is at most…</h2>
        <SignInFirst what="buy at the best price" />
      </div>
    );
  const submit = async (event: Event) => {
    event.preventDefault();
    const maxPriceCents = parseDollars(max);
    if (maxPriceCents === null || maxPriceCents <= 0) return setError('Enter the most you will pay, like 12.50');
    setError(null);
    setBusy(true);
    try {
      const destination = await shipTo.destination();
      if (!destination) return;
      const data = await execute(PurchaseBook, {
        input: { isbn: book.isbn13, maxPriceCents, paymentToken: 'tok_visa', idempotencyKey: newKey('buy'), ...destination, keepWatching },
      });
      setResult(data.purchaseBook);
    } catch (e) {
      if (!shipTo.showRefusal(e)) setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} class="card" aria-labelledby="buy-heading" noValidate>
      <h2 id="buy-heading">Buy if the price is at most…</h2>
      <label for="max-price">My highest price, shipping included ($)</label>
      <input
        id="max-price"
        inputMode="decimal"
        required
        value={max}
        onInput={(e) => setMax((e.target as HTMLInputElement).value)}
        aria-describedby="buy-help"
      />
      <p id="buy-help" class="muted">
        Folio asks the stores, buys from the cheapest at or below it with the test card (tok_visa), and never charges more.
      </p>
      {shipTo.fields}
      <label class="inline">
        <input type="checkbox" checked={keepWatching} onChange={() => setKeepWatching(!keepWatching)} /> If it costs more now, keep watching and buy it when it
        drops to my price
      </label>
      <button type="submit" disabled={busy}>
        {busy ? 'Comparing and buying…' : 'Buy at the best price'}
      </button>
      <div aria-live="polite">
        <ErrorMessage error={error} />
        {result?.status === 'PURCHASED' ? (
          <p class="ok">
            Bought for {money(result.pricePaid)}. <a href={`/orders/${result.order!.id}`}>See the order</a>
          </p>
        ) : null}
        {result && result.status !== 'PURCHASED' && !result.watch ? (
          <p class="error">
            {result.reason ?? result.status} {result.lowestPrice ? `(lowest price found: ${money(result.lowestPrice)})` : ''}
          </p>
        ) : null}
        {result?.watch ? (
          <p class="ok">
            The lowest price now is {money(result.lowestPrice)}. Folio is watching and buys it for you once a store's total is {money(result.watch.threshold)}{' '}
            or less. <a href="/alerts">Your alerts</a>
          </p>
        ) : null}
      </div>
    </form>
  );
}

/** The shopper's alerts on this book and what each is doing. */
function useBookAlerts(isbn13: string, signedIn: boolean) {
  const [alerts, setAlerts] = useState<AlertFieldsFragment[]>([]);
  const reload = () => {
    if (!signedIn) return setAlerts([]);
    execute(MyAlerts).then(
      (data) => setAlerts((data.viewer?.priceAlerts ?? []).filter((alert) => alert.book.isbn13 === isbn13)),
      () => undefined,
    );
  };
  useEffect(reload, [isbn13, signedIn]);
  return { alerts, reload };
}

function AlertForm({ book }: { book: Book }) {
  const { token } = useSession();
  const [threshold, setThreshold] = useState('');
  const [email, setEmail] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { alerts, reload } = useBookAlerts(book.isbn13, token !== null);
  if (!token)
    return (
      <div class="card">
        <h2>Tell me when it drops</h2>
        <SignInFirst what="get price-drop alerts" />
      </div>
    );
  const submit = async (event: Event) => {
    event.preventDefault();
    const thresholdCents = parseDollars(threshold);
    if (thresholdCents === null || thresholdCents <= 0) return setMessage({ ok: false, text: 'Enter a price, like 9.99' });
    try {
      await execute(CreateAlert, {
        input: { isbn: book.isbn13, rule: 'BELOW', thresholdCents, channels: email ? ['SUBSCRIPTION', 'EMAIL'] : ['SUBSCRIPTION'] },
      });
      setMessage({ ok: true, text: `Alert set: you will hear when it is ${money({ cents: thresholdCents })} or less.` });
      reload();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };
  return (
    <form onSubmit={submit} class="card" aria-labelledby="alert-heading">
      <h2 id="alert-heading">Tell me when it drops</h2>
      {alerts.length > 0 ? (
        <ul class="my-alerts" aria-label="Your alerts on this book">
          {alerts.map((alert) => (
            <li key={alert.id}>
              Alert {describeAlert(alert)}: {alert.armed ? 'watching' : `told you at ${money(alert.lastNotifiedPrice)}; watching again once the price rises`}
            </li>
          ))}
        </ul>
      ) : null}
      <label for="alert-price">Alert me at or below ($)</label>
      <input id="alert-price" inputMode="decimal" required value={threshold} onInput={(e) => setThreshold((e.target as HTMLInputElement).value)} />
      <label class="inline">
        <input type="checkbox" checked={email} onChange={() => setEmail(!email)} /> Also by e-mail
      </label>
      <button type="submit">Set alert</button>
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} class={message.ok ? 'ok' : 'error'}>
          {message.text} {message.ok ? <a href="/alerts">Your alerts</a> : null}
        </p>
      ) : null}
    </form>
  );
}

/** Drops of this book's price, live, for the signed-in shopper's alerts. */
function LiveDrops({ isbn }: { isbn: string }) {
  const { token } = useSession();
  const [drops, setDrops] = useState<string[]>([]);
  useEffect(() => {
    if (!token) return;
    return subscribe(PriceDropped, { isbn }, ({ priceDropped: drop }) => {
      setDrops((current) => [
        `Price drop: ${drop.book.title} is now ${money(drop.newPrice)}${drop.store ? ` at ${drop.store.name}` : ''}${drop.oldPrice ? ` (was ${money(drop.oldPrice)})` : ''}`,
        ...current,
      ]);
    });
  }, [isbn, token]);
  return (
    <div role="status" aria-live="polite" class="drops">
      {drops.map((text) => (
        <p class="drop" key={text}>
          {text}
        </p>
      ))}
    </div>
  );
}

export function BookPage({ isbn }: { isbn: string }) {
  const offers = useOffers(isbn);
  const [book, setBook] = useState<Book | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setBook(undefined);
    execute(BookQuery, { isbn }).then(
      (data) => setBook(data.book ?? null),
      (e: RequestError) => setError(e.message),
    );
  }, [isbn]);
  useEffect(() => {
    if (book) document.title = `${book.title} — Folio`;
  }, [book]);
  if (error) return <ErrorMessage error={error} />;
  if (book === undefined) return <p class="muted">Loading…</p>;
  if (book === null) {
    return (
      <p>
        No partner store sells a book with ISBN {isbn} yet, and Folio does not list it. Check the number, or <a href="/">search</a> by title or author.
      </p>
    );
  }
  return (
    <article class="book">
      <div class="book-top">
        <Cover title={book.title} author={book.authors[0]?.name ?? ''} />
        <header>
          <h1>{book.title}</h1>
          {book.subtitle ? <p class="subtitle">{book.subtitle}</p> : null}
          <p>by {book.authors.map((a) => a.name).join(', ')}</p>
          <p class="muted">
            {book.format.toLowerCase()} · ISBN {book.isbn13}
            {book.publisher ? ` · ${book.publisher}` : ''}
            {book.publishedYear ? ` · ${book.publishedYear}` : ''}
            {book.category ? ` · ${book.category.name}` : ''}
            {book.listPrice ? ` · list price ${money(book.listPrice)}` : ''}
          </p>
          {book.stock > 0 ? <p>{book.stock} in Folio's warehouses</p> : null}
        </header>
        <BestOffer isbn={book.isbn13} state={offers} />
        {book.description ? <p class="blurb">{book.description}</p> : null}
      </div>
      <LiveDrops isbn={book.isbn13} />
      <div class="forms">
        <BuyForm book={book} />
        <AlertForm book={book} />
      </div>
      <Offers isbn={book.isbn13} state={offers} />
      <PriceHistory
        isbn={book.isbn13}
        offersSettledAt={offers.settledAt}
        stores={offers.offers.filter((offer) => offer.store.kind === 'PARTNER').map((offer) => offer.store)}
      />
    </article>
  );
}
