// `/ssm run …` (or the modal's final submit): plan the run, then preview it, hold it for approval, or start it.

import { resolveChangeWindow } from '../core/approval/change-window.js';
import { auditTargets, personActor } from '../core/audit/audit-entry.js';
import type { Subject } from '../core/policy/subject.js';
import type { Requester, Run, RunOrigin } from '../core/run/run.js';
import type { RunPlan } from '../core/run/run-plan.js';
import type { RunRequest } from '../core/run/run-request.js';
import type { PlanReadiness } from '../core/run/target-readiness.js';
import { checkPlanReadiness, READINESS_BUDGET_MS } from './check-plan-readiness.js';
import { governingTemplates } from './governing-templates.js';
import { type PlanRunResult, planRun } from './plan-run.js';
import { type RequestChangeResult, requestChange } from './request-change.js';
import type { RunContext } from './run-context.js';
import { type StartRunResult, startRun } from './start-run.js';

export type RequestRunResult =
  | Exclude<PlanRunResult, { kind: 'planned' }>
  /** `readiness`: which targets would be refused at start, as far as the bot could tell in time. */
  | { kind: 'preview'; plan: RunPlan; readiness: PlanReadiness }
  | RequestChangeResult
  /** `message`: shown in the channel already, or posted by the outbox once Slack allows. */
  | { kind: 'started'; run: Run; message: 'shown' | 'pending' }
  /** The bot cannot post in the channel it was asked in: nothing was recorded or started. */
  | Extract<StartRunResult, { kind: 'channel-unavailable' }>;

export interface RunAsker {
  requester: Requester;
  subject: Subject;
  channelId: string;
}

/** What a request from a run's thread adds: the run it retries or repeats, kept on the run and its change. */
export interface RunRequestExtras {
  origin?: RunOrigin;
}

export async function requestRun(
  context: RunContext,
  request: RunRequest & { dryRun: boolean },
  asker: RunAsker,
  extras: RunRequestExtras = {},
): Promise<RequestRunResult> {
  const planned = await planRun(context, request, asker.subject);
  if (planned.kind !== 'planned') return planned;
  const { plan } = planned;
  if (request.dryRun) {
    return {
      kind: 'preview',
      plan,
      readiness: await checkPlanReadiness(context, plan, READINESS_BUDGET_MS.reply),
    };
  }
  const spec = {
    plan,
    requester: asker.requester,
    channelId: asker.channelId,
    requested: request.targets,
    ...(extras.origin && { origin: extras.origin }),
  };
  const asked = resolveChangeWindow(request.window, context.now());
  if (asked.kind === 'invalid') {
    return { kind: 'change-refused', refusal: { code: 'window-invalid', problem: asked.problem } };
  }
  const governing = governingTemplates(context.approvals, plan);
  if (governing.kind === 'several') {
    return { kind: 'change-refused', refusal: { code: 'several-templates', templates: governing.names } };
  }
  if (governing.kind === 'one') {
    return requestChange(context, governing.template, {
      run: spec,
      emergency: request.emergency ?? false,
      requesterGroups: asker.subject.userGroupIds,
      ...(asked.kind === 'window' && { window: asked.window }),
    });
  }
  if (request.emergency) return { kind: 'change-refused', refusal: { code: 'emergency-not-governed' } };
  // Only a change waits for anything: a run that needs no approval starts when asked, so it is refused, not run.
  if (asked.kind === 'window') return { kind: 'change-refused', refusal: { code: 'schedule-not-governed' } };
  // startRun appends `run.requested` once the channel has not refused the run's message and before the run can
  // start: a refused request leaves no entry claiming a start (nothing happened, and the requester was told why).
  return startRun(context, {
    ...spec,
    audit: (run) => ({
      action: 'run.requested',
      actor: personActor(asker.requester),
      subject: { runId: run.id },
      runbook: run.runbook.name,
      targets: auditTargets(run.children),
      outcome: run.status,
      ...(plan.reason ? { reason: plan.reason } : {}),
      details: { rules: plan.policy.rules, ...originDetails(extras.origin) },
    }),
  });
}

/** `{ retryOf: 'run-…', retryKind: 'retry-failed' }` on the request's entry: the trail links the two runs. */
export function originDetails(origin: RunOrigin | undefined): Record<string, string> {
  return origin ? { retryOf: origin.runId, retryKind: origin.kind } : {};
}
