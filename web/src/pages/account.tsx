import { useEffect, useState } from 'preact/hooks';
import { useAddressForm } from '../components/address-fields';
import { addressLine } from '../format';
import { execute } from '../graphql';
import type { SavedAddressFieldsFragment } from '../gql/graphql';
import { AddAddress, MyAddresses, RemoveAddress, UpdateAddress } from '../operations';
import { useSession } from '../session';
import { ErrorMessage } from '../components/error-message';

/** The shopper's address book: the addresses checkout offers, which one comes first, and a new one. */
export function AccountPage() {
  const { token, email } = useSession();
  const [addresses, setAddresses] = useState<SavedAddressFieldsFragment[] | null>(null);
  const newAddress = useAddressForm('new-address');
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    execute(MyAddresses).then(
      (data) => setAddresses(data.viewer?.addresses ?? []),
      (e: Error) => setError(e.message),
    );
  useEffect(() => {
    if (token) void load();
  }, [token]);
  if (!token)
    return (
      <p>
        <a href="/sign-in?next=/account">Sign in</a> to see your account.
      </p>
    );

  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const add = async (event: Event) => {
    event.preventDefault();
    if (!newAddress.check()) return;
    try {
      await execute(AddAddress, { input: { address: newAddress.address } });
      newAddress.reset();
      await load();
    } catch (e) {
      if (!newAddress.showRefusal(e)) setError((e as Error).message);
    }
  };
  return (
    <section aria-labelledby="account-heading">
      <h1 id="account-heading">Your account</h1>
      <p>Signed in as {email}.</p>
      <h2>Addresses</h2>
      <ErrorMessage error={error} />
      {addresses === null ? (
        <p class="muted">Loading…</p>
      ) : addresses.length === 0 ? (
        <p>No saved addresses yet: add one below, or save one at checkout.</p>
      ) : (
        <ul class="address-book">
          {addresses.map((a) => (
            <li key={a.id}>
              {addressLine(a)}
              {a.isDefault ? <strong> · default</strong> : null}{' '}
              {a.isDefault ? null : (
                <button type="button" class="link" onClick={() => void act(() => execute(UpdateAddress, { input: { id: a.id, isDefault: true } }))}>
                  Make default
                </button>
              )}{' '}
              <button type="button" class="link" aria-label={`Remove ${addressLine(a)}`} onClick={() => void act(() => execute(RemoveAddress, { id: a.id }))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="card narrow" onSubmit={add} aria-labelledby="new-address-heading" noValidate>
        <h3 id="new-address-heading">Add an address</h3>
        {newAddress.fields}
        <button type="submit">Save address</button>
      </form>
    </section>
  );
}
