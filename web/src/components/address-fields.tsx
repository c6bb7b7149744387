import { useState } from 'preact/hooks';
import type { AddressInput } from '../gql/graphql';
import { RequestError } from '../graphql';

type Field = 'name' | 'line1' | 'city' | 'postalCode' | 'country';
export type AddressErrors = Partial<Record<Field, string>>;

const FIELDS: { name: Field; label: string; autocomplete: string; missing: string }[] = [
  { name: 'name', label: 'Full name', autocomplete: 'name', missing: 'Enter the name the parcel is addressed to.' },
  { name: 'line1', label: 'Address', autocomplete: 'address-line1', missing: 'Enter the street and number.' },
  { name: 'city', label: 'City', autocomplete: 'address-level2', missing: 'Enter the town or city.' },
  { name: 'postalCode', label: 'Postal code', autocomplete: 'postal-code', missing: 'Enter the postal code.' },
];

/** Where Folio ships to: a list to choose from, so a country is never mistyped. */
const COUNTRIES: [string, string][] = [
  ['US', 'United States'],
  ['CA', 'Canada'],
  ['GB', 'United Kingdom'],
  ['IE', 'Ireland'],
  ['AU', 'Australia'],
  ['NZ', 'New Zealand'],
  ['DE', 'Germany'],
  ['AT', 'Austria'],
  ['CH', 'Switzerland'],
  ['FR', 'France'],
  ['BE', 'Belgium'],
  ['NL', 'Netherlands'],
  ['LU', 'Luxembourg'],
  ['ES', 'Spain'],
  ['PT', 'Portugal'],
  ['IT', 'Italy'],
  ['DK', 'Denmark'],
  ['SE', 'Sweden'],
  ['NO', 'Norway'],
  ['FI', 'Finland'],
  ['PL', 'Poland'],
  ['CZ', 'Czechia'],
  ['JP', 'Japan'],
  ['SG', 'Singapore'],
  ['IN', 'India'],
  ['ZA', 'South Africa'],
  ['MX', 'Mexico'],
  ['BR', 'Brazil'],
];

export const emptyAddress = (): AddressInput => ({ name: '', line1: '', city: '', postalCode: '', country: 'US' });

/** Every missing part at once, in the shopper's words (nothing is sent while one is missing). */
export function addressErrors(address: AddressInput): AddressErrors {
  const errors: AddressErrors = {};
  for (const field of FIELDS) if (!(address[field.name] ?? '').trim()) errors[field.name] = field.missing;
  if (!COUNTRIES.some(([code]) => code === address.country)) errors.country = 'Choose the country.';
  return errors;
}

/** A refusal the server tied to a part of the address, as that part's message; null for anything else. */
export function addressErrorFrom(error: unknown): AddressErrors | null {
  if (!(error instanceof RequestError)) return null;
  const field = /(?:^|\.)(name|line1|city|postalCode|country)$/.exec(error.errors[0]?.extensions?.field ?? '')?.[1] as Field | undefined;
  if (!field) return null;
  return { [field]: FIELDS.find((f) => f.name === field)?.missing ?? 'Choose the country.' };
}

/** Moves the keyboard to the first part that needs fixing. */
export function focusFirstError(prefix: string, errors: AddressErrors): void {
  const first = [...FIELDS.map((f) => f.name), 'country' as const].find((name) => errors[name]);
  if (first) document.getElementById(`${prefix}-${first}`)?.focus();
}

/** Where an order goes: the fields of every form that ships a book. `prefix` keeps the inputs' ids unique on the page. */
export function AddressFields({
  prefix,
  address,
  errors = {},
  onChange,
}: {
  prefix: string;
  address: AddressInput;
  errors?: AddressErrors;
  /** Given an update of the address as it is then (a state setter fits), so quick typing never loses a field. */
  onChange: (update: (address: AddressInput) => AddressInput) => void;
}) {
  const described = (name: Field) => (errors[name] ? `${prefix}-${name}-error` : undefined);
  const message = (name: Field) =>
    errors[name] ? (
      <p id={`${prefix}-${name}-error`} class="field-error">
        {errors[name]}
      </p>
    ) : null;
  return (
    <>
      {FIELDS.map(({ name, label, autocomplete }) => (
        <div key={name}>
          <label for={`${prefix}-${name}`}>{label}</label>
          <input
            id={`${prefix}-${name}`}
            autocomplete={autocomplete}
            value={address[name] ?? ''}
            aria-invalid={errors[name] ? true : undefined}
            aria-describedby={described(name)}
            onInput={(e) => {
              const value = (e.target as HTMLInputElement).value;
              onChange((current) => ({ ...current, [name]: value }));
            }}
          />
          {message(name)}
        </div>
      ))}
      <div>
        <label for={`${prefix}-country`}>Country</label>
        <select
          id={`${prefix}-country`}
          autocomplete="country"
          value={address.country}
          aria-invalid={errors.country ? true : undefined}
          aria-describedby={described('country')}
          onChange={(e) => {
            const country = (e.target as HTMLSelectElement).value;
            onChange((current) => ({ ...current, country }));
          }}
        >
          {COUNTRIES.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
        {message('country')}
      </div>
    </>
  );
}

/**
 * An address being typed, with its problems: `check()` shows every missing part beside its field and
 * answers whether it may be sent; `showRefusal(error)` shows a server refusal of one part at that part
 * (true when the error was one).
 */
export function useAddressForm(prefix: string) {
  const [address, setAddress] = useState<AddressInput>(emptyAddress);
  const [problems, setProblems] = useState<AddressErrors>({});
  const report = (found: AddressErrors): boolean => {
    setProblems(found);
    const ok = Object.keys(found).length === 0;
    if (!ok) focusFirstError(prefix, found);
    return ok;
  };
  return {
    address,
    check: () => report(addressErrors(address)),
    showRefusal: (error: unknown): boolean => {
      const field = addressErrorFrom(error);
      return field !== null && !report(field);
    },
    reset: () => setAddress(emptyAddress()),
    fields: <AddressFields prefix={prefix} address={address} errors={problems} onChange={setAddress} />,
  };
}
