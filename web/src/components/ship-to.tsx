import { useEffect, useState } from 'preact/hooks';
import { addressLine } from '../format';
import { execute } from '../graphql';
import type { AddressInput, SavedAddressFieldsFragment } from '../gql/graphql';
import { AddAddress, MyAddresses } from '../operations';
import { useAddressForm } from './address-fields';

/** Where an order goes, as checkout and purchaseBook take it: a saved address's id, or an address typed in. */
export type Destination = { addressId: string } | { shippingAddress: AddressInput };

const NEW = 'new';

/**
 * The shipping part of a form: a signed-in shopper picks one of their saved addresses (the default
 * first) or types a new one, which can be saved for next time; a guest types one. `destination()`
 * checks what was entered, shows every problem beside its field, and answers null until it is right.
 */
export function useShipTo(prefix: string, signedIn: boolean) {
  const [saved, setSaved] = useState<SavedAddressFieldsFragment[]>([]);
  const [choice, setChoice] = useState<string>(NEW);
  const typed = useAddressForm(prefix);
  const [save, setSave] = useState(true);

  useEffect(() => {
    if (!signedIn) return setSaved([]);
    execute(MyAddresses).then(
      (data) => {
        const addresses = data.viewer?.addresses ?? [];
        setSaved(addresses);
        if (addresses[0]) setChoice(addresses[0].id);
      },
      () => undefined,
    );
  }, [signedIn]);

  const destination = async (): Promise<Destination | null> => {
    if (choice !== NEW) return { addressId: choice };
    if (!typed.check()) return null;
    if (!signedIn || !save) return { shippingAddress: typed.address };
    const added = (await execute(AddAddress, { input: { address: typed.address } })).addAddress;
    setSaved([...saved, added]);
    setChoice(added.id);
    return { addressId: added.id };
  };

  /** A refusal the server tied to a part of the address is shown at that part; true when it was one. */
  const showRefusal = (error: unknown): boolean => {
    if (choice !== NEW) return false; // a saved address was checked when it was saved
    return typed.showRefusal(error);
  };

  const fields = (
    <fieldset class="ship-to">
      <legend>Ship to</legend>
      {saved.map((a) => (
        <label class="inline" key={a.id}>
          <input type="radio" name={`${prefix}-choice`} checked={choice === a.id} onChange={() => setChoice(a.id)} />
          {addressLine(a)}
          {a.isDefault ? <span class="muted"> (default)</span> : null}
        </label>
      ))}
      {saved.length > 0 ? (
        <label class="inline">
          <input type="radio" name={`${prefix}-choice`} checked={choice === NEW} onChange={() => setChoice(NEW)} /> A new address
        </label>
      ) : null}
      {choice === NEW ? (
        <>
          {typed.fields}
          {signedIn ? (
            <label class="inline">
              <input type="checkbox" checked={save} onChange={() => setSave(!save)} /> Save it for next time
            </label>
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
  return { fields, destination, showRefusal };
}
