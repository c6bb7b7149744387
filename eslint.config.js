// @ts-check
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Type-aware linting of the server, its tests and benchmarks, and the web app: the mistakes the type checker
 * lets through (a promise nobody awaits or handles, a promise passed where a plain callback is expected,
 * value imports of types).
 */
export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'web/dist/', 'web/src/gql/', 'coverage/', 'test-results/', '.data/'] },
  {
    files: ['**/*.{ts,tsx,js}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // `{}` as a constraint means "any value but null and undefined" (cache keys).
      '@typescript-eslint/no-empty-object-type': ['error', { allowObjectTypes: 'always', allowInterfaces: 'always' }],
      // A shutdown handler registered before what it closes is assigned reads it first.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Non-null assertions are used where an invariant holds that the types cannot express.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked, languageOptions: { globals: { console: 'readonly', process: 'readonly' } } },
  // The printed schema: every type, field, argument, enum value and input field described, and the
  // recommended schema rules.
  {
    files: ['schema.graphql'],
    languageOptions: { parser: graphqlPlugin.parser, parserOptions: { graphQLConfig: { schema: 'schema.graphql' } } },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/schema-recommended'].rules,
      // Value types (Money, Address, PageInfo, results and edges) have no identity of their own to expose.
      '@graphql-eslint/strict-id-in-types': 'off',
      '@graphql-eslint/require-description': [
        'error',
        {
          types: true,
          rootField: true,
          DirectiveDefinition: true,
          FieldDefinition: true,
          InputValueDefinition: true,
          EnumValueDefinition: true,
        },
      ],
    },
  },
);
