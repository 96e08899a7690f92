// The colour bar of a run's message: red once anything failed, green when all succeeded, grey when cancelled.
import { rollUpRun } from '../../core/run/roll-up-run.js';
import type { Run } from '../../core/run/run.js';

export const RunColour = {
  failed: '#e01e5a',
  succeeded: '#2eb67d',
  running: '#ecb22e',
  neutral: '#9ba0a4',
} as const;

export function runColour(run: Run): string {
  const { counts, finished } = rollUpRun(run);
  if (counts.failed > 0 || run.status === 'failed') return RunColour.failed;
  if (run.status === 'cancelled') return RunColour.neutral;
  return finished && run.status === 'succeeded' ? RunColour.succeeded : RunColour.running;
}
