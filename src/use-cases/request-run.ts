// `/ssm run …` (or the modal's final submit): plan the run, then preview it, hold it for approval, or start it.

import type { Subject } from '../core/policy/subject.js';
import type { Requester, Run } from '../core/run/run.js';
import type { RunPlan } from '../core/run/run-plan.js';
import type { RunRequest } from '../core/run/run-request.js';
import { appendAudit } from './append-audit.js';
import { governingTemplates } from './governing-templates.js';
import { type PlanRunResult, planRun } from './plan-run.js';
import { type RequestChangeResult, requestChange } from './request-change.js';
import type { RunContext } from './run-context.js';
import { startRun } from './start-run.js';
import { targetsPhrase } from './targets-phrase.js';

export type RequestRunResult =
  | Exclude<PlanRunResult, { kind: 'planned' }>
  | { kind: 'preview'; plan: RunPlan }
  | RequestChangeResult
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
  const spec = { plan, requester: asker.requester, channelId: asker.channelId, requested: request.targets };
  const governing = governingTemplates(context.approvals, plan);
  if (governing.kind === 'several') {
    const names = governing.names.map((name) => `\`${name}\``).join(' and ');
    return {
      kind: 'change-refused',
      message: `This run falls under several change templates (${names}), each with its own approvers. Split it into one run per template, e.g. by account or region.`,
    };
  }
  if (governing.kind === 'one') {
    return requestChange(context, governing.template, {
      run: spec,
      emergency: request.emergency ?? false,
      requesterGroups: asker.subject.userGroupIds,
    });
  }
  if (request.emergency) {
    return {
      kind: 'change-refused',
      message:
        'No change template governs this run, so there is nothing to raise as an emergency: drop `--emergency`.',
    };
  }
  const run = await startRun(context, spec);
  await appendAudit(context, {
    action: 'run.requested',
    actor: { kind: 'user', userId: asker.requester.userId },
    subject: { runId: run.id },
    summary: `<@${asker.requester.userId}> started ${run.id}: ${run.runbook.name} on ${targetsPhrase(run.children.length)} (no approval needed)`,
    details: {
      runbook: run.runbook.name,
      rules: plan.policy.rules,
      ...(plan.reason ? { reason: plan.reason } : {}),
    },
  });
  return { kind: 'started', run };
}
