import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          // The pure core, the renderers and the use cases over memory twins: no process or port of their own,
          // so they share threads and module graphs (`npm run test:fast`, seconds).
          name: 'fast',
          include: ['test/unit/**/*.test.ts', 'test/use-cases/**/*.test.ts'],
          pool: 'threads',
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // Real Redis, the sandbox, the emulator, Bolt over HTTP, worker processes, Chromium: one fork per file.
          name: 'infrastructure',
          include: ['test/**/*.test.ts'],
          // One log directory per run: e2e harnesses write their logs there at trace, then scan them for secrets.
          globalSetup: ['test/support/log-run-directory.ts'],
          // The chaos suite runs on its own: `npm run test:chaos` (vitest.chaos.config.ts).
          exclude: ['test/unit/**', 'test/use-cases/**', 'test/chaos/**'],
          pool: 'forks',
        },
      },
    ],
  },
});
