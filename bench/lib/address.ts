/** Where every benchmark order ships. */
export const ADDRESS = { name: 'Bench Reader', line1: '1 Load Street', city: 'Springfield', postalCode: '12345', country: 'US' };
