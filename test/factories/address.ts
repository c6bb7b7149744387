/** A valid shipping address: where test checkouts, purchases and auto-buys send their books. */
export const ADDRESS = { name: 'Ada Reader', line1: '1 Library Lane', city: 'Springfield', postalCode: '12345', country: 'US' };
