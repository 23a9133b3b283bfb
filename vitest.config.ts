import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The host zone must never leak into results: pin it here, and the
    // determinism tests re-run the CLI under other zones on purpose.
    env: { TZ: 'UTC', NO_COLOR: '1' },
    testTimeout: 30_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
