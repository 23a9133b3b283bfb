import { defineConfig } from 'vitest/config';

// The tests that open pages in a real browser (Debian's chromium): `npm run test:browser`, run by .ci/run.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    env: { TZ: 'UTC', NO_COLOR: '1' },
    testTimeout: 60_000,
    maxWorkers: 1,
  },
});
