import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One temporary folder for the whole run, removed at the end (test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    // CLI tests start real processes and report tests render dozens of charts.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
