import { useEffect, useState } from 'preact/hooks';
import { execute } from '../graphql';
import { money, when } from '../format';
import type { MyOrdersQuery } from '../gql/graphql';
import { MyOrders } from '../operations';
import { useSession } from '../session';
import { ErrorMessage } from '../components/error-message';

type OrderSummary = NonNullable<MyOrdersQuery['viewer']>['orders']['edges'][number]['node'];

/** The signed-in shopper's orders, newest first, each leading to its live page. */
export function OrdersPage() {
  const { token } = useSession();
  const [orders, setOrders] = useState<OrderSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (token)
      execute(MyOrders).then(
        (data) => setOrders(data.viewer?.orders.edges.map((edge) => edge.node) ?? []),
        (e: Error) => setError(e.message),
      );
  }, [token]);
  if (!token)
    return (
      <p>
        <a href="/sign-in?next=/orders">Sign in</a> to see your orders.
      </p>
    );
  if (error) return <ErrorMessage error={error} />;
  if (!orders) return <p class="muted">Loading…</p>;
  return (
    <section aria-labelledby="orders-heading">
      <h1 id="orders-heading">Your orders</h1>
      {orders.length === 0 ? (
        <p>No orders yet.</p>
      ) : (
        <ul class="results">
          {orders.map((order) => (
            <li key={order.id}>
              <a href={`/orders/${order.id}`} class="title">
                Order {order.number}
              </a>{' '}
              — placed {when(order.placedAt)} · {order.status.toLowerCase()} · {money(order.total)}
              <div class="muted">{order.lines.map((line) => `${line.quantity} × ${line.book.title}`).join(', ')}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
