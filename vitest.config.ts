import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // CLI tests start real processes and report tests render dozens of charts.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
