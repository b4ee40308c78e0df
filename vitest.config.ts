import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Two cores on CI machines: more workers only adds contention.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
