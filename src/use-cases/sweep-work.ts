// A safety net for the queues: every tracked place has a poll job and every run that still has something to
// start has a starter, whatever happened to earlier jobs (a failed job, a Redis that lost its queue keys).
import { isRunFinished } from '../core/run/apply-child-reports.js';
import { roomWaitDueInMs } from '../core/run/room-wait.js';
import { DEFAULT_POLL_INTERVALS } from '../core/tracking/next-poll-delay.js';
import { entryField } from '../core/tracking/tracked-location.js';
import type { RunContext } from './run-context.js';

/** How many unfinished runs (oldest first) are looked at for children still waiting to start. */
const UNFINISHED_RUNS = 500;

export async function sweepWork(context: RunContext): Promise<{ locations: number; runs: number }> {
  const { slowMs } = context.settings.pollIntervals ?? DEFAULT_POLL_INTERVALS;
  const locations = await context.tracker.locations();
  const ended = new Map<string, boolean>();
  for (const location of locations) {
    // Entries of runs that ended or are gone (their executions stuck or deleted) are let go here, not per poll.
    const stale: string[] = [];
    const entries = await context.tracker.entries(location);
    for (const entry of entries) {
      if (!ended.has(entry.runId)) {
        const run = await context.runs.get(entry.runId);
        ended.set(entry.runId, !run || isRunFinished(run));
      }
      if (ended.get(entry.runId)) stale.push(entryField(entry));
    }
    await context.tracker.untrack(location, stale);
    // An existing poll job keeps its own time; a missing one is created, due within the slow interval.
    if (stale.length < entries.length) await context.scheduler.pollLocation(location, slowMs);
  }
  const waiting = (await context.runs.listUnfinished(UNFINISHED_RUNS)).filter(
    (run) =>
      !isRunFinished(run) &&
      (run.children.some((child) => child.status === 'Queued') ||
        (run.mode === 'multi-account' && !run.parentExecutionId)),
  );
  // A run backing off after SSM refused it room keeps its pace: the sweep only recreates a lost starter.
  for (const run of waiting) {
    await context.scheduler.startChildren(
      run.id,
      Math.max(slowMs, roomWaitDueInMs(run.roomWait, context.now())),
    );
  }
  return { locations: locations.length, runs: waiting.length };
}
