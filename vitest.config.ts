import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests in a real browser run apart: npm run test:browser.
    exclude: ['test/browser/**', 'node_modules/**'],
    // The host zone must never leak into results: pin it here, and the
    // determinism tests re-run the CLI under other zones on purpose.
    env: { TZ: 'UTC', NO_COLOR: '1' },
    testTimeout: 30_000,
    // Both cores: the default leaves one idle on a two-core machine, and the suite takes half again as long.
    maxWorkers: 2,
    // One module graph per worker, not per file: loading the sources again for each of 80 files was a
    // third of the run. Tests share no state through modules (each builds its own inputs and streams).
    isolate: false,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
