import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/graphiql.js';
import { schema } from '../../src/schema/index.js';

describe('GraphiQL', () => {
  it('opens on example queries that are valid against the schema', () => {
    expect(EXAMPLES.length).toBeGreaterThan(1);
    for (const example of EXAMPLES) expect(validate(schema, parse(example)).map((error) => error.message)).toEqual([]);
  });
});
