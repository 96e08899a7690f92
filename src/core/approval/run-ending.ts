// How a change's run ended, as its request's thread tells it: the run's status and how many targets succeeded.
import { rollUpRun } from '../run/roll-up-run.js';
import type { Run } from '../run/run.js';
import type { RunEnding } from './change-event.js';

export function runEnding(run: Pick<Run, 'channelId' | 'status' | 'children'>): RunEnding {
  const { counts, total } = rollUpRun(run);
  return { channelId: run.channelId, status: run.status, succeeded: counts.succeeded, total };
}
