import { defineConfig } from 'vitest/config';

/** Browser journeys: a real server process, real Chromium. One file at a time (2 cores). */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
