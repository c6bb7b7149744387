import { formatAmount, type Money } from '../../lib/money.js';
import { builder } from '../builder.js';

export const MoneyRef = builder.objectRef<Money>('Money').implement({
  description: 'An amount in integer minor units (cents) of a currency; `amount` is the same value as a decimal string.',
  fields: (t) => ({
    cents: t.exposeInt('cents'),
    currency: t.exposeString('currency', { description: 'ISO 4217 code, e.g. USD.' }),
    amount: t.string({ description: 'Decimal string such as "12.34"; never a float.', resolve: formatAmount }),
  }),
});
