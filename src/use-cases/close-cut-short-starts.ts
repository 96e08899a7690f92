// A start cut short between its parent message and its record (a crash, a fault) left a "Starting" message
// that nothing would edit again: the minute sweep closes it, saying the run did not start.
import type { RunContext } from './run-context.js';

/**
 * A start takes seconds (its first post is bounded by the outbox's 15 s lease), so one begun longer ago than
 * this and still unsettled was cut short, and closing it cannot race the start itself.
 */
export const START_CUT_SHORT_AFTER_MS = 2 * 60_000;

/** How many cut-short starts one sweep closes (oldest first); the next sweep takes the rest. */
const CLOSED_PER_SWEEP = 100;

export async function closeCutShortStarts(
  context: Pick<RunContext, 'starts' | 'runs' | 'notifier' | 'now'>,
): Promise<{ closed: number }> {
  const before = new Date(context.now().getTime() - START_CUT_SHORT_AFTER_MS);
  let closed = 0;
  for (const run of await context.starts.unsettled(before, CLOSED_PER_SWEEP)) {
    // Recorded after all (the crash came after the record): the run's own flow keeps its message current.
    if (!(await context.runs.get(run.id))) {
      await context.notifier.showRunNotStarted(run);
      closed++;
    }
    await context.starts.settle(run.id);
  }
  return { closed };
}
