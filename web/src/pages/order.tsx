import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage } from '../components/error-message';
import { execute, subscribe } from '../graphql';
import { addressLine, money, when } from '../format';
import type { OrderFieldsFragment } from '../gql/graphql';
import { CancelOrder, OrderPage as OrderQuery, OrderStatusChanged } from '../operations';
import { session, useSession } from '../session';

const STEPS = ['PLACED', 'PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED'] as const;

type Order = OrderFieldsFragment;

/** An order whose status moves live, step by step, while the page is open; a guest reaches theirs by the key checkout gave. */
export function OrderPage({ id }: { id: string }) {
  const [order, setOrder] = useState<Order | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const { token } = useSession();
  const accessToken = session.orderToken(id);
  useEffect(() => {
    const stop = subscribe(
      OrderStatusChanged,
      { orderId: id, accessToken },
      (data) => setOrder(data.orderStatusChanged),
      (e) => setError(e.message),
    );
    execute(OrderQuery, { id, accessToken }).then(
      (data) => setOrder((current) => current ?? data.order ?? null),
      (e: Error) => setError(e.message),
    );
    return stop;
  }, [id, accessToken]);
  if (error)
    return (
      <ErrorMessage
        error={
          error.startsWith('Sign in') ? (
            <>
              This order is not among yours. <a href={`/sign-in?next=/orders/${id}`}>Sign in</a> to see it.
            </>
          ) : (
            error
          )
        }
      />
    );
  if (order === undefined) return <p class="muted">Loading…</p>;
  if (order === null)
    return (
      <p>
        No such order among yours. <a href="/sign-in">Sign in</a>?
      </p>
    );
  const reached = STEPS.indexOf(order.status as (typeof STEPS)[number]);
  return (
    <article aria-labelledby="order-heading">
      <h1 id="order-heading">Order {order.number}</h1>
      <p>
        Placed {when(order.placedAt)} · status{' '}
        <strong data-testid="order-status" aria-live="polite">
          {order.status}
        </strong>{' '}
        · total {money(order.total)}
      </p>
      <ol class="steps" aria-label="Progress">
        {STEPS.map((step, index) => (
          <li key={step} class={index <= reached ? 'done' : ''} aria-current={index === reached ? 'step' : undefined}>
            {step.toLowerCase()}
          </li>
        ))}
      </ol>
      {order.shippingAddress ? <p>Ships to {addressLine(order.shippingAddress)}</p> : null}
      {order.payment ? <p>{paid(order.payment)}</p> : null}
      {order.cancellable && (token || accessToken) ? <CancelButton id={order.id} accessToken={accessToken} onCancelled={setOrder} onError={setError} /> : null}
      {!token && accessToken ? (
        <p class="muted">Checked out as a guest: this browser remembers the order. Open an account with the e-mail you gave to keep it with your orders.</p>
      ) : null}
      <h2>Books</h2>
      <ul>
        {order.lines.map((line) => (
          <li key={line.book.isbn13}>
            {line.quantity} × <a href={`/books/${line.book.isbn13}`}>{line.book.title}</a> at {money(line.unitPrice)}
          </li>
        ))}
      </ul>
      <h2>Parcels</h2>
      <ul>
        {order.shipments.map((shipment, index) => (
          <li key={index}>
            <Parcel shipment={shipment} />
          </li>
        ))}
      </ul>
      <details>
        <summary>History</summary>
        <ul>
          {order.events.map((event, index) => (
            <li key={index}>
              {when(event.at)} — {event.status.toLowerCase()}
              {event.note ? ` (${event.note})` : ''}
            </li>
          ))}
        </ul>
      </details>
    </article>
  );
}

function Parcel({ shipment }: { shipment: Order['shipments'][number] }) {
  const expected =
    shipment.estimatedDelivery && shipment.status !== 'DELIVERED' && shipment.status !== 'CANCELLED'
      ? ` · expected ${new Date(`${shipment.estimatedDelivery}T12:00:00`).toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' })}`
      : '';
  return (
    <>
      From {shipment.store?.name ?? "Folio's warehouse"}: {shipment.status.toLowerCase()}
      {shipment.shipping.cents ? ` · shipping ${money(shipment.shipping)}` : ''}
      {expected}
      {shipment.carrier ? (
        <div class="muted">
          {shipment.carrier}
          {shipment.trackingNumber ? (
            <>
              {' '}
              · tracking number <code>{shipment.trackingNumber}</code>
            </>
          ) : (
            ' · a tracking number follows once it ships'
          )}
        </div>
      ) : null}
    </>
  );
}

function CancelButton({
  id,
  accessToken,
  onCancelled,
  onError,
}: {
  id: string;
  accessToken: string | null;
  onCancelled: (order: Order) => void;
  onError: (message: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    if (!confirm('Cancel this order? Partner orders are cancelled and the payment is refunded.')) return;
    setBusy(true);
    try {
      onCancelled((await execute(CancelOrder, { id, accessToken })).cancelOrder);
    } catch (e) {
      onError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <p>
      <button type="button" onClick={cancel} disabled={busy}>
        {busy ? 'Cancelling…' : 'Cancel order'}
      </button>{' '}
      <span class="muted">Possible until anything is packed.</span>
    </p>
  );
}

function paid(payment: NonNullable<Order['payment']>): string {
  const card = payment.brand && payment.last4 ? ` with ${payment.brand[0]!.toUpperCase()}${payment.brand.slice(1)} ending ${payment.last4}` : '';
  const refunded = payment.refunded.cents > 0 ? ` · refunded ${money(payment.refunded)}` : '';
  return `Paid ${money(payment.captured)}${card}${refunded}`;
}
