import type { Address } from '../../lib/address.js';
import { builder } from '../builder.js';

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

export const AddressRef = builder.objectRef<Address>('Address').implement({
  description: 'Where an order goes, as the shopper gave it (trimmed; the country upper-cased).',
  fields: (t) => ({
    name: t.exposeString('name'),
    line1: t.exposeString('line1'),
    line2: t.string({ nullable: true, resolve: (address) => address.line2 ?? null }),
    city: t.exposeString('city'),
    region: t.string({ nullable: true, resolve: (address) => address.region ?? null }),
    postalCode: t.exposeString('postalCode'),
    country: t.exposeString('country', { description: 'Two-letter ISO 3166 code, such as US or DE.' }),
  }),
});
