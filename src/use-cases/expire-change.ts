// The delayed expiry job of a change request: a pending or held change whose time is up is closed, and says so.
import { applyChangeEvent } from './apply-change-event.js';
import type { RunContext } from './run-context.js';

export type ExpireChangeOutcome = 'expired' | 'not-due' | 'nothing-to-do';

export async function expireChange(
  context: RunContext,
  changeId: string,
): Promise<{ outcome: ExpireChangeOutcome; dueInMs?: number }> {
  const result = await applyChangeEvent(
    context,
    changeId,
    { kind: 'system', name: 'expiry' },
    {
      type: 'expire',
      at: context.now(),
    },
  );
  if (result.kind === 'changed') return { outcome: 'expired' };
  if (result.kind === 'refused' && result.refusal.code === 'not-due') {
    // A job that ran early (clock skew between processes): run again when it is due.
    const change = await context.approvals.changes.get(changeId);
    const dueInMs = change ? Date.parse(change.request.expiresAt) - context.now().getTime() : undefined;
    return { outcome: 'not-due', ...(dueInMs !== undefined && { dueInMs: Math.max(1, dueInMs) }) };
  }
  return { outcome: 'nothing-to-do' };
}
