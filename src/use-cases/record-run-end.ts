// A run has ended: the audit trail gets its outcome, and the change that started it (if any) ends too,
// which releases the change's locks.
import { runEnding } from '../core/approval/run-ending.js';
import type { Run } from '../core/run/run.js';
import { appendAuditOncePerRun } from './append-audit.js';
import { applyChangeEvent } from './apply-change-event.js';
import type { RunContext } from './run-context.js';

export async function recordRunEnd(
  context: Pick<RunContext, 'audit' | 'approvals' | 'now'>,
  run: Run,
): Promise<void> {
  const changeId = run.approval?.changeId;
  const counts = new Map<string, number>();
  for (const child of run.children) counts.set(child.status, (counts.get(child.status) ?? 0) + 1);
  // Once per run: a run ends once, whichever writer or retried job reports it.
  await appendAuditOncePerRun(context, run.id, {
    action: 'run.finished',
    actor: { kind: 'system', name: 'worker' },
    subject: { runId: run.id, ...(changeId ? { changeId } : {}) },
    runbook: run.runbook.name,
    outcome: run.status,
    // How many targets ended in each status: "Success": 5, "Failed": 1.
    details: Object.fromEntries(counts),
  });
  if (changeId) {
    await applyChangeEvent(
      context,
      changeId,
      { kind: 'system', name: 'worker' },
      {
        type: 'run-ended',
        at: context.now(),
        ending: runEnding(run),
      },
    );
  }
}
