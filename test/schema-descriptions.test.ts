import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { describeSchema } from '../src/schema/descriptions.js';
import { schema } from '../src/schema/index.js';

// A schema that documents itself: the printed schema passes graphql-eslint's schema rules with every part
// described, and the lint notices a single description gone.
describe('schema descriptions', () => {
  it('names only parts of the schema that exist', () => {
    expect(describeSchema(schema)).toEqual([]);
  });

  it('pass the schema lint, which fails when one field loses its description', { timeout: 60_000 }, async () => {
    const eslint = new ESLint();
    const printed = readFileSync('schema.graphql', 'utf8');
    const [clean] = await eslint.lintText(printed, { filePath: 'schema.graphql' });
    expect(clean!.messages.map((message) => `${message.line}: ${message.message}`)).toEqual([]);

    const bare = printed.replace(/ {2}"""[^"]*"""\n(\s+allTimeLow: Money)/, '$1');
    expect(bare).not.toBe(printed);
    const [linted] = await eslint.lintText(bare, { filePath: 'schema.graphql' });
    expect(linted!.messages.map((message) => message.ruleId)).toEqual(['@graphql-eslint/require-description']);
  });
});
