import { defineConfig } from 'vitest/config';

// Tests spawn real processes and sockets; two cores, so keep parallelism modest and timeouts generous
// (a CLI test that takes 10 s alone took 28 s beside the whole suite on a loaded machine).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
