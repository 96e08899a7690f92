// Bot-driven fan-out under the run's limits: which queued children start now, and which are skipped because
// the error threshold was crossed. The same rule SSM applies to TargetLocations, enforced by the bot.
import { childPhase } from './roll-up-run.js';
import type { ChildExecution } from './run.js';

export interface FanOutStep {
  /** Indexes into `children` to start now, in order. */
  start: number[];
  /** Indexes of queued children that will never start: the error threshold was exceeded. */
  skip: number[];
}

/**
 * Starts queued children while fewer than `maxConcurrency` run, as long as the failures do not exceed
 * `maxErrors` (SSM: "the automation stops when the number of errors exceeds this value"). Once exceeded,
 * every queued child is skipped; running ones go on to their end.
 */
export function planFanOutStarts(
  children: readonly Pick<ChildExecution, 'status'>[],
  limits: { maxConcurrency: number; maxErrors: number },
): FanOutStep {
  let running = 0;
  let failed = 0;
  const queued: number[] = [];
  children.forEach((child, index) => {
    const phase = childPhase(child.status);
    if (child.status === 'Queued') queued.push(index);
    else if (phase === 'queued' || phase === 'running') running++;
    else if (phase === 'failed') failed++;
  });
  if (failed > limits.maxErrors) return { start: [], skip: queued };
  const room = Math.max(0, limits.maxConcurrency - running);
  return { start: queued.slice(0, room), skip: [] };
}
