import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests. Files in one worker share a database (isolate: false), and each
 * test makes its own workspace. Browser journeys are in e2e/ with their own config.
 */
export default defineConfig({
  test: {
    include: ['contracts/src/**/*.test.ts', 'server/src/**/*.test.ts', 'widget/src/**/*.test.ts', 'console/src/**/*.test.ts'],
    pool: 'forks',
    isolate: false,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
