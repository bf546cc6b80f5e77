import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Integration tests start real Prometheus, Alertmanager and databases; two cores keep them honest.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
