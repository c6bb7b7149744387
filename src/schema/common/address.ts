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
