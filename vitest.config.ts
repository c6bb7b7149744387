import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Dependencies load graphql through Node (its CommonJS build); the project's own files must get the
    // same copy, or schema objects from one copy are rejected by the other ("another module or realm").
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each file gets its own database cloned from a migrated template, so files run in parallel safely.
    fileParallelism: true,
  },
});
