// The colour bar of a run's message: red once anything failed, green when all succeeded, grey when cancelled.
import { rollUpRun } from '../../core/run/roll-up-run.js';
import type { ChildExecution, Run } from '../../core/run/run.js';

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

/** The colour bar of a part of a run (a grouped reply): red when any failed, green once all succeeded. */
export function childrenColour(children: readonly ChildExecution[]): string {
  const { counts, finished } = rollUpRun({ children: [...children], status: 'running' });
  if (counts.failed > 0) return RunColour.failed;
  if (!finished) return RunColour.running;
  return counts.succeeded === children.length ? RunColour.succeeded : RunColour.neutral;
}
