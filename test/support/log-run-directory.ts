// The infrastructure project's globalSetup: one log directory per run under test-artifacts/logs/, named for its
// start, with the runs before the last few removed so the directory does not grow without bound.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Where the run's harness logs go (read by test/support/harness-log.ts in every fork). */
export const LOG_RUN_DIR_ENV = 'SSM_CHATOPS_TEST_LOG_DIR';

const ROOT = join('test-artifacts', 'logs');
/** Runs kept besides this one: enough to compare a failed run with the one before. */
const KEPT_RUNS = 2;

export default function setup(): void {
  mkdirSync(ROOT, { recursive: true });
  const earlier = readdirSync(ROOT)
    .filter((name) => /^run-/.test(name))
    .sort();
  for (const name of earlier.slice(0, Math.max(0, earlier.length - KEPT_RUNS))) {
    rmSync(join(ROOT, name), { recursive: true, force: true });
  }
  const dir = join(ROOT, `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  // Forks inherit the environment of the process that runs globalSetup.
  process.env[LOG_RUN_DIR_ENV] = dir;
}
