import { useEffect, useState } from 'preact/hooks';
import { execute, subscribe } from '../graphql';
import { money, when } from '../format';
import type { OrderFieldsFragment } from '../gql/graphql';
import { OrderPage as OrderQuery, OrderStatusChanged } from '../operations';

const STEPS = ['PLACED', 'PROCESSING', 'PACKED', 'SHIPPED', 'DELIVERED'] as const;

/** An order whose status moves live, step by step, while the page is open. */
export function OrderPage({ id }: { id: string }) {
  const [order, setOrder] = useState<OrderFieldsFragment | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const stop = subscribe(OrderStatusChanged, { orderId: id }, (data) => setOrder(data.orderStatusChanged), (e) => setError(e.message));
    execute(OrderQuery, { id }).then((data) => setOrder((current) => current ?? data.order ?? null), (e: Error) => setError(e.message));
    return stop;
  }, [id]);
  if (error) return <p role="alert" class="error">{error}</p>;
  if (order === undefined) return <p class="muted">Loading…</p>;
  if (order === null) return <p>No such order among yours. <a href="/sign-in">Sign in</a>?</p>;
  const reached = STEPS.indexOf(order.status as (typeof STEPS)[number]);
  return (
    <article aria-labelledby="order-heading">
      <h1 id="order-heading">Order placed {when(order.placedAt)}</h1>
      <p>Status: <strong data-testid="order-status" aria-live="polite">{order.status}</strong> · total {money(order.total)}</p>
      <ol class="steps" aria-label="Progress">
        {STEPS.map((step, index) => <li key={step} class={index <= reached ? 'done' : ''} aria-current={index === reached ? 'step' : undefined}>{step.toLowerCase()}</li>)}
      </ol>
      {order.shippingAddress ? <p>Ships to {shipsTo(order.shippingAddress)}</p> : null}
      <h2>Books</h2>
      <ul>{order.lines.map((line) => <li key={line.book.isbn13}>{line.quantity} × <a href={`/books/${line.book.isbn13}`}>{line.book.title}</a> at {money(line.unitPrice)}</li>)}</ul>
      <h2>Shipments</h2>
      <ul>{order.shipments.map((shipment, index) => <li key={index}>{shipment.store?.name ?? "Folio's warehouse"}: {shipment.status.toLowerCase()}{shipment.shipping.cents ? ` · shipping ${money(shipment.shipping)}` : ''}</li>)}</ul>
      <details><summary>History</summary><ul>{order.events.map((event, index) => <li key={index}>{when(event.at)} — {event.status.toLowerCase()}{event.note ? ` (${event.note})` : ''}</li>)}</ul></details>
    </article>
  );
}

function shipsTo(address: NonNullable<OrderFieldsFragment['shippingAddress']>): string {
  return [address.name, address.line1, address.line2, address.city, address.region, address.postalCode, address.country].filter(Boolean).join(', ');
}
