import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The web app's typed client, generated from the committed schema.graphql (`npm run schema:print`
 * keeps that in step with the code; a test fails when either drifts). Documents are plain strings
 * typed with their result and variables, so the browser needs no GraphQL library to send them.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      // Every operation also gets its SHA-256 (in persisted-documents.json and on the document): in production
      // the API takes only these from callers without a token (trusted documents).
      presetConfig: { fragmentMasking: false, persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' } },
      config: { documentMode: 'string', scalars: { DateTime: 'string', Date: 'string' }, enumsAsTypes: true, useTypeImports: true },
    },
  },
};

export default config;
