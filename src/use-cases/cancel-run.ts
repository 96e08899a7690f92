// Cancel a run: the requester or an operator stops every execution still going; queued children never start.

import { personActor } from '../core/audit/audit-entry.js';
import { isOperator } from '../core/policy/is-operator.js';
import { audienceOfRun } from '../core/policy/is-visible-to.js';
import type { Subject } from '../core/policy/subject.js';
import { isRunFinished } from '../core/run/apply-child-reports.js';
import { isChildFinished } from '../core/run/roll-up-run.js';
import type { ChildFailure, Run } from '../core/run/run.js';
import { appendAudit } from './append-audit.js';
import type { RunContext } from './run-context.js';
import { visibleTo } from './visible-to.js';

export type CancelRunResult =
  | {
      kind: 'cancelled';
      run: Run;
      stopped: number;
      failures: Array<{ accountId: string; accountName: string; region: string; message: string }>;
    }
  | { kind: 'not-found'; id: string }
  | { kind: 'not-allowed'; run: Run }
  | { kind: 'already-finished'; run: Run };

export async function cancelRun(
  context: RunContext,
  runId: string,
  subject: Subject,
): Promise<CancelRunResult> {
  const found = await context.runs.get(runId);
  if (!found) return { kind: 'not-found', id: runId };
  // Whoever may not see the run (isVisibleTo) is told what an unknown id gets: not its runbook, requester or state.
  const [visible] = await visibleTo(context, subject, [audienceOfRun(found, context.approvals.templates)]);
  if (!visible) return { kind: 'not-found', id: runId };
  if (isRunFinished(found)) return { kind: 'already-finished', run: found };
  if (found.requester.userId !== subject.userId && !isOperator(context.operators, subject)) {
    return { kind: 'not-allowed', run: found };
  }
  const now = context.now().toISOString();
  // The store resolves to the run as it stands also when the change declines: only the caller whose change
  // was stored goes on, so a second cancel neither audits nor stops anything again.
  let cancelledHere = false;
  const run = await context.runs.update(runId, (latest) => {
    cancelledHere = !isRunFinished(latest) && latest.status !== 'cancelling';
    return cancelledHere
      ? { ...latest, status: 'cancelling', cancelledBy: subject.userId, updatedAt: now }
      : undefined;
  });
  if (!run || !cancelledHere) return { kind: 'already-finished', run: run ?? found };
  await appendAudit(context, {
    action: 'run.cancelled',
    actor: personActor(subject),
    subject: { runId, ...(run.approval?.changeId ? { changeId: run.approval.changeId } : {}) },
    runbook: run.runbook.name,
    outcome: run.status,
  });

  const failures: Extract<CancelRunResult, { kind: 'cancelled' }>['failures'] = [];
  let stopped = 0;
  if (run.mode === 'multi-account' && run.parentExecutionId) {
    // Stopping the parent stops its children in every member account.
    const outcome = await context.automation.stop({
      executionId: run.parentExecutionId,
      region: context.settings.homeRegion,
    });
    if (outcome.ok) stopped = run.children.filter((child) => !isChildFinished(child)).length;
    else {
      failures.push({
        accountId: '-',
        accountName: 'operations account',
        region: context.settings.homeRegion,
        message: outcome.failure.message,
      });
      const home = {
        accountId: await context.automation.homeAccountId(),
        region: context.settings.homeRegion,
      };
      logRefusedStop(context, run, home, outcome.failure);
    }
  } else {
    for (const child of run.children) {
      if (!child.executionId || isChildFinished(child)) continue;
      const outcome = await context.automation.stop({
        executionId: child.executionId,
        accountId: child.accountId,
        region: child.region,
      });
      if (outcome.ok) stopped++;
      else {
        failures.push({ ...child, message: outcome.failure.message });
        logRefusedStop(context, run, child, outcome.failure);
      }
    }
  }
  // Queued children never start; the pollers see the stops through and post the outcome.
  await context.scheduler.startChildren(run.id);
  const home = { accountId: await context.automation.homeAccountId(), region: context.settings.homeRegion };
  const places = run.mode === 'multi-account' ? [home, ...run.children] : run.children;
  for (const place of new Map(
    places.map((child) => [`${child.accountId}:${child.region}`, child]),
  ).values()) {
    await context.scheduler.pollLocation({ accountId: place.accountId, region: place.region });
  }
  return { kind: 'cancelled', run, stopped, failures };
}

/** The canceller is told which stops failed; the log keeps where and why for an operator. */
function logRefusedStop(
  context: RunContext,
  run: Run,
  place: { accountId: string; region: string },
  failure: ChildFailure,
): void {
  context.log.warn(
    {
      runId: run.id,
      accountId: place.accountId,
      region: place.region,
      reason: failure.reason,
      message: failure.message,
    },
    'AWS refused to stop an execution of a cancelled run',
  );
}
