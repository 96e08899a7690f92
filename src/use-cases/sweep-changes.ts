// The changes' safety net, once a minute: an approved change waiting for a lock, a held one waiting for its
// calendar or a scheduled one whose window opened is tried again; a change whose expiry job went missing is expired; a claimed start is completed.

import { runEnding } from '../core/approval/run-ending.js';
import { isRunFinished } from '../core/run/apply-child-reports.js';
import { applyChangeEvent } from './apply-change-event.js';
import { expireChange } from './expire-change.js';
import { proceedWithChange } from './proceed-with-change.js';
import type { RunContext } from './run-context.js';

const OPEN_CHANGES = 500;

export async function sweepChanges(context: RunContext): Promise<{ retried: number; expired: number }> {
  const { approvals } = context;
  let retried = 0;
  let expired = 0;
  for (const change of await approvals.changes.listOpen(OPEN_CHANGES)) {
    const { request } = change;
    // An approved change waiting for a lock expires only when its window has an end (see decideChangeEvent).
    const expirable = request.status !== 'approved' || request.window?.endBy !== undefined;
    if (Date.parse(request.expiresAt) <= context.now().getTime() && expirable) {
      if ((await expireChange(context, request.id)).outcome === 'expired') expired++;
      continue;
    }
    // A scheduled change whose window job was lost opens here, within a minute of its start.
    if (request.status === 'approved' || request.status === 'held' || request.status === 'scheduled') {
      await proceedWithChange(context, request.id);
      retried++;
    }
  }
  // A started change whose run ended while the worker that saw the end crashed before recording it: end it now
  // (which releases its locks); one whose run was never created after the claim: create it.
  for (const change of await approvals.changes.listRecent(OPEN_CHANGES)) {
    const { request } = change;
    if (request.status !== 'started' || request.endedAt || !request.runId) continue;
    const run = await context.runs.get(request.runId);
    if (!run) {
      await proceedWithChange(context, request.id);
      retried++;
    } else if (isRunFinished(run)) {
      await applyChangeEvent(
        context,
        request.id,
        { kind: 'system', name: 'sweep' },
        {
          type: 'run-ended',
          at: context.now(),
          ending: runEnding(run),
        },
      );
      retried++;
    }
  }
  return { retried, expired };
}
