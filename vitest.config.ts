import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/** Files that load the whole machine (a thousand concurrent checkouts) run alone, after the rest. */
const ALONE = 'test/**/*.alone.test.ts';

export default defineConfig({
  resolve: {
    // Dependencies load graphql through Node (its CommonJS build); the project's own files must get the
    // same copy, or schema objects from one copy are rejected by the other ("another module or realm").
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      // Each file gets its own database cloned from a migrated template, so files run in parallel safely.
      { extends: true, test: { name: 'parallel', include: ['test/**/*.test.ts'], exclude: [ALONE], sequence: { groupOrder: 0 } } },
      // Timing-sensitive tests elsewhere (live look-ups under deadlines) must not share the CPU with these.
      { extends: true, test: { name: 'alone', include: [ALONE], sequence: { groupOrder: 1 } } },
    ],
  },
});
