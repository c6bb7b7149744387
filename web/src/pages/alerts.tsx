import { useEffect, useState } from 'preact/hooks';
import { execute, subscribe } from '../graphql';
import { describeAlert, money, when } from '../format';
import type { AlertFieldsFragment } from '../gql/graphql';
import { DeleteAlert, MyAlerts, PriceDropped } from '../operations';
import { useSession } from '../session';
import { ErrorMessage } from '../components/error-message';

/** The shopper's alerts, deletable, with drops arriving live while the page is open. */
export function AlertsPage() {
  const { token } = useSession();
  const [alerts, setAlerts] = useState<AlertFieldsFragment[] | null>(null);
  const [drops, setDrops] = useState<{ at: string; text: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    execute(MyAlerts).then(
      (data) => setAlerts(data.viewer?.priceAlerts ?? []),
      (e: Error) => setError(e.message),
    );
  useEffect(() => {
    if (!token) return;
    void load();
    return subscribe(PriceDropped, { isbn: null }, ({ priceDropped: drop }) => {
      setDrops((current) => [
        { at: drop.at, text: `${drop.book.title}: now ${money(drop.newPrice)}${drop.store ? ` at ${drop.store.name}` : ''}` },
        ...current,
      ]);
      void load();
    });
  }, [token]);
  if (!token)
    return (
      <p>
        <a href="/sign-in?next=/alerts">Sign in</a> to see your alerts.
      </p>
    );
  const remove = async (id: string) => {
    await execute(DeleteAlert, { id });
    await load();
  };
  return (
    <section aria-labelledby="alerts-heading">
      <h1 id="alerts-heading">Your price alerts</h1>
      <div role="status" aria-live="polite" class="drops">
        {drops.map((drop) => (
          <p class="drop" key={drop.at + drop.text}>
            Price drop · {when(drop.at)} · {drop.text}
          </p>
        ))}
      </div>
      <ErrorMessage error={error} />
      {alerts === null ? (
        <p class="muted">Loading…</p>
      ) : alerts.length === 0 ? (
        <p>No alerts yet: open a book and set one.</p>
      ) : (
        <ul class="alerts">
          {alerts.map((alert) => (
            <li key={alert.id}>
              <a href={`/books/${alert.book.isbn13}`}>{alert.book.title}</a> — {describeAlert(alert)} · {alert.channels.map((c) => c.toLowerCase()).join(', ')}
              {alert.armed ? '' : ` · notified at ${money(alert.lastNotifiedPrice)}`}{' '}
              <button type="button" class="link" onClick={() => void remove(alert.id)} aria-label={`Delete the alert for ${alert.book.title}`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
