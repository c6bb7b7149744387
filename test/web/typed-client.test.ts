import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

// The web app's typed documents are generated from schema.graphql: a change to the schema or to an
// operation without `npm run codegen` fails here (and the app's type-check shows what it broke).
describe('the typed client', () => {
  it("is what `npm run codegen` generates from schema.graphql and the web app's operations", { timeout: 60_000 }, async () => {
    const outputs = (await generate({ ...config, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const committed = readFileSync(output.filename, 'utf8');
      expect(committed === output.content, `${output.filename} is out of date: run \`npm run codegen\` and commit it`).toBe(true);
    }
  });
});
