// The delayed window job of a scheduled change: at `startAt` it goes on (locks, calendar, start) like an approval.
import { proceedWithChange } from './proceed-with-change.js';
import type { RunContext } from './run-context.js';

export type OpenChangeWindowOutcome = 'opened' | 'not-due' | 'nothing-to-do';

/**
 * Goes on with the change if its window has opened. A change still pending at its window (approved later, it
 * starts on that approval) or already closed has nothing to do here; a job that ran early (clock skew between
 * processes) says when to run again.
 */
export async function openChangeWindow(
  context: RunContext,
  changeId: string,
): Promise<{ outcome: OpenChangeWindowOutcome; dueInMs?: number }> {
  const proceeded = await proceedWithChange(context, changeId);
  if (proceeded.kind === 'scheduled') {
    return {
      outcome: 'not-due',
      dueInMs: Math.max(1, Date.parse(proceeded.startAt) - context.now().getTime()),
    };
  }
  return { outcome: proceeded.kind === 'nothing-to-do' ? 'nothing-to-do' : 'opened' };
}
