// `npm run test:chaos`: the product as real processes under faults (test/chaos), apart from `npm test`
// because it takes minutes and kills things on purpose.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/chaos/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/support/log-run-directory.ts'],
  },
});
