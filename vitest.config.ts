import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Builds, browsers and Java tools are heavy; two cores on CI.
    maxWorkers: 2,
  },
});
