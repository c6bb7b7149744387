import type { Address } from '../../lib/address.js';
import { builder, type FolioSchemaTypes } from '../builder.js';

export const AddressInput = builder.inputType('AddressInput', {
  description: 'Where an order goes.',
  fields: (t) => ({
    name: t.string({ required: true }),
    line1: t.string({ required: true }),
    line2: t.string(),
    city: t.string({ required: true }),
    region: t.string(),
    postalCode: t.string({ required: true }),
    country: t.string({ required: true, description: 'Two-letter ISO 3166 code, such as US or DE.' }),
  }),
});

/** An address's fields on any type that holds one: an order's Address, a SavedAddress. */
export function addressFields<Parent>(
  t: PothosSchemaTypes.ObjectFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<FolioSchemaTypes>, Parent>,
  addressOf: (parent: Parent) => Address,
) {
  return {
    name: t.string({ resolve: (parent: Parent) => addressOf(parent).name }),
    line1: t.string({ resolve: (parent: Parent) => addressOf(parent).line1 }),
    line2: t.string({ nullable: true, resolve: (parent: Parent) => addressOf(parent).line2 ?? null }),
    city: t.string({ resolve: (parent: Parent) => addressOf(parent).city }),
    region: t.string({ nullable: true, resolve: (parent: Parent) => addressOf(parent).region ?? null }),
    postalCode: t.string({ resolve: (parent: Parent) => addressOf(parent).postalCode }),
    country: t.string({ description: 'Two-letter ISO 3166 code, such as US or DE.', resolve: (parent: Parent) => addressOf(parent).country }),
  };
}

export const AddressRef = builder.objectRef<Address>('Address').implement({
  description: 'Where an order goes, as the shopper gave it (trimmed; the country upper-cased).',
  fields: (t) => addressFields(t, (address) => address),
});
