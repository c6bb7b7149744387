import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for clients of Folio, generated from the committed schema.graphql
 * (`npm run schema:print` keeps it in step with the code; a test fails when it drifts).
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', 'test/**/*.graphql'],
  ignoreNoDocuments: true,
  generates: {
    'src/generated/client/': {
      preset: 'client',
      config: { scalars: { DateTime: 'string' }, enumsAsTypes: true },
    },
  },
};

export default config;
