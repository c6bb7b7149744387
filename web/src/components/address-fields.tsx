import type { AddressInput } from '../gql/graphql';

const FIELDS = [
  ['name', 'Full name', 'name'],
  ['line1', 'Address', 'address-line1'],
  ['city', 'City', 'address-level2'],
  ['postalCode', 'Postal code', 'postal-code'],
  ['country', 'Country (two letters)', 'country'],
] as const;

export const emptyAddress = (): AddressInput => ({ name: '', line1: '', city: '', postalCode: '', country: 'US' });

/** Where an order goes: the fields of every form that ships a book. `prefix` keeps the inputs' ids unique on the page. */
export function AddressFields({ prefix, address, onChange }: { prefix: string; address: AddressInput; onChange: (address: AddressInput) => void }) {
  return (
    <>
      {FIELDS.map(([name, label, autocomplete]) => (
        <div key={name}>
          <label for={`${prefix}-${name}`}>{label}</label>
          <input id={`${prefix}-${name}`} required autocomplete={autocomplete} value={address[name] ?? ''}
            onInput={(e) => onChange({ ...address, [name]: (e.target as HTMLInputElement).value })} />
        </div>
      ))}
    </>
  );
}
