import fc from 'fast-check';
import { type GraphQLArgument, type GraphQLInputType, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType } from 'graphql';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { createBook } from '../factories/catalog.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Every mutation, called with generated arguments — wrong shapes, huge and negative numbers, long and
// odd Unicode, bad ISBNs, far dates — as a guest and as a shopper: each answer is data or a clear
// client error, never INTERNAL, and a refused call writes nothing.
let t: TestApp;
let token: string;
let isbn: string;

beforeAll(async () => {
  t = await startTestApp();
  isbn = (await createBook(t.app.db, { title: 'Fuzzed', priceCents: 1_000, stock: { onHand: 3 } })).isbn13;
  const signedUp = await t.execute<{ signUp: { token: string } }>(
    'mutation { signUp(email: "fuzz@example.com", password: "correct horse battery") { token } }',
  );
  token = signedUp.data!.signUp.token;
});
afterAll(() => t.close());

const oddStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '978-0-306-40615-7',
    '0306406152',
    '9780306406158',
    'tok_visa',
    '4242 4242 4242 4242',
    'x'.repeat(10_000),
    '🙂'.repeat(500),
    "'; DROP TABLE books; --",
  ),
  fc.constant(null),
);
const oddInts = fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1, 2 ** 31 - 1, -(2 ** 31)), fc.constant(null));
const oddDates = fc.oneof(fc.constantFrom('2026-11-25T10:00:00Z', '9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', 'yesterday', ''), fc.constant(null));

/** Values for a GraphQL input type, mostly wrong on purpose, sometimes of another type altogether. */
function valuesOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return fc.oneof(fc.array(valuesOf(inner.ofType, depth + 1), { maxLength: 3 }), oddStrings);
  const named = getNamedType(inner);
  if (isEnumType(named)) return fc.oneof(fc.constantFrom(...named.getValues().map((value) => value.name)), oddStrings);
  if (isInputObjectType(named)) {
    if (depth > 3) return fc.constant(null);
    const fields = Object.values(named.getFields());
    return fc.oneof(fc.record(Object.fromEntries(fields.map((field) => [field.name, valuesOf(field.type, depth + 1)]))), oddStrings);
  }
  if (isScalarType(named)) {
    if (named.name === 'Int') return fc.oneof(oddInts, oddStrings);
    if (named.name === 'Float') return fc.oneof(fc.double(), oddInts);
    if (named.name === 'Boolean') return fc.oneof(fc.boolean(), oddInts);
    if (named.name === 'DateTime') return oddDates;
    return fc.oneof(oddStrings, fc.constant(isbn));
  }
  return fc.constant(null);
}

function typeName(type: GraphQLInputType): string {
  return type.toString();
}

/** `mutation ($a: T, …) { field(a: $a, …) { __typename } }` with every argument a variable. */
function documentFor(field: string, args: readonly GraphQLArgument[], returnsObject: boolean): string {
  const variables = args.map((arg) => `$${arg.name}: ${typeName(arg.type)}`).join(', ');
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `mutation${variables ? ` (${variables})` : ''} { ${field}${call ? `(${call})` : ''}${returnsObject ? ' { __typename }' : ''} }`;
}

async function rowCounts(): Promise<string> {
  const { rows } = await sql<{ n: string }>`
    SELECT concat_ws(',', (SELECT count(*) FROM orders), (SELECT count(*) FROM payments), (SELECT count(*) FROM price_alerts),
      (SELECT count(*) FROM price_reports), (SELECT count(*) FROM cart_items), (SELECT sum(reserved + sold) FROM inventory)) AS n`.execute(t.app.db);
  return rows[0]!.n;
}

const mutations = Object.values(schema.getMutationType()!.getFields()).filter((field) => field.name !== 'signUp');

describe('every mutation under generated input', () => {
  it.each(mutations.map((field) => [field.name, field] as const))(
    '%s answers data or a clear client error, and a refused call writes nothing',
    async (_name, field) => {
      const returnsObject = !isScalarType(getNamedType(field.type)) && !isEnumType(getNamedType(field.type));
      const query = documentFor(field.name, field.args, returnsObject);
      const args = fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valuesOf(arg.type)])));
      await fc.assert(
        fc.asyncProperty(args, fc.boolean(), async (variables, signedIn) => {
          const before = await rowCounts();
          const answer = await t.execute(query, variables as Record<string, unknown>, signedIn ? token : undefined);
          const codes = (answer.errors ?? []).map((error) => error.extensions?.code);
          expect(codes, JSON.stringify({ variables, errors: answer.errors })).not.toContain('INTERNAL');
          for (const error of answer.errors ?? []) expect(error.message.length).toBeGreaterThan(0);
          if (answer.errors?.length && !answer.data?.[field.name]) expect(await rowCounts()).toBe(before);
        }),
        { numRuns: 100, seed: 20261125 },
      );
    },
  );
});
