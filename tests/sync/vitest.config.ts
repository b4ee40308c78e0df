import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The Syncthing tests (`npm run test:sync`): two real engines per file, kept out of the unit run because on a
 * two-core machine they slowed the unit suite's own timing-bound tests into timeouts (the durable-write SIGKILL
 * test timed out 2 of 2 times with them in the same pool). One file at a time, with time to start engines and
 * to let them settle.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/sync/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 90_000,
  },
});
