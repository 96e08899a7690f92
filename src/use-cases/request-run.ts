// `/ssm run …` (or the modal's final submit): plan the run, then preview it, hold it for approval, or start it.

import type { Subject } from '../core/policy/subject.js';
import type { Requester, Run } from '../core/run/run.js';
import type { RunPlan } from '../core/run/run-plan.js';
import type { RunRequest } from '../core/run/run-request.js';
import { type PlanRunResult, planRun } from './plan-run.js';
import type { RunContext } from './run-context.js';
import { startRun } from './start-run.js';

export type RequestRunResult =
  | Exclude<PlanRunResult, { kind: 'planned' }>
  | { kind: 'preview'; plan: RunPlan }
  /** A change template governs the run: it becomes a change request (the approvals feature). */
  | { kind: 'needs-approval'; plan: RunPlan }
  | { kind: 'started'; run: Run };

export interface RunAsker {
  requester: Requester;
  subject: Subject;
  channelId: string;
}

export async function requestRun(
  context: RunContext,
  request: RunRequest & { dryRun: boolean },
  asker: RunAsker,
): Promise<RequestRunResult> {
  const planned = await planRun(context, request, asker.subject);
  if (planned.kind !== 'planned') return planned;
  const { plan } = planned;
  if (request.dryRun) return { kind: 'preview', plan };
  if (plan.policy.approvalTemplates.length > 0) return { kind: 'needs-approval', plan };
  const run = await startRun(context, {
    plan,
    requester: asker.requester,
    channelId: asker.channelId,
    requested: request.targets,
  });
  return { kind: 'started', run };
}
