import { z } from 'zod';
import { InvalidInputError } from './errors.js';

const line = (name: string, max = 200) => z.string().trim().min(1, `${name} is required`).max(max, `${name} must be at most ${max} characters`);

const addressSchema = z.object({
  name: line('name'),
  line1: line('line1'),
  line2: z.string().trim().max(200).nullish(),
  city: line('city', 100),
  region: z.string().trim().max(100).nullish(),
  postalCode: line('postalCode', 20),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'country must be a two-letter ISO 3166 code such as US or DE')
    .transform((code) => code.toUpperCase()),
});

export type Address = z.infer<typeof addressSchema>;

/** A shipping address, trimmed; a missing address, or a missing or malformed part, is a clear error naming it. */
export function parseAddress(input: unknown, field = 'shippingAddress'): Address {
  if (input === null || input === undefined) throw new InvalidInputError(`${field} is required: where should the order go?`, { field });
  const parsed = addressSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new InvalidInputError(issue.message, { field: `${field}.${issue.path.join('.')}` });
}
