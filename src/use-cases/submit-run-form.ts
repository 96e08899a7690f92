// The run modal's "Preview": check the form like a command, then keep it as a draft awaiting confirmation.
import type { RunPlan } from '../core/run/run-plan.js';
import type { RunRequest } from '../core/run/run-request.js';
import { type FormValue, parseFormValues } from '../core/runbook/parse-form-values.js';
import type { RunDraftStore } from '../ports.js';
import { needsApproval } from './governing-templates.js';
import { type PlanRunResult, planRun } from './plan-run.js';
import type { RunAsker } from './request-run.js';
import type { RunContext } from './run-context.js';

export type SubmitRunFormResult =
  | Exclude<PlanRunResult, { kind: 'planned' }>
  | { kind: 'confirm'; plan: RunPlan; draftId: string; needsApproval: boolean; emergency: boolean };

export async function submitRunForm(
  context: RunContext & { drafts: RunDraftStore },
  form: { request: RunRequest; parameterValues: Record<string, FormValue> },
  asker: RunAsker,
): Promise<SubmitRunFormResult> {
  const runbook = form.request.runbook ? await context.catalog.describe(form.request.runbook) : undefined;
  const request: RunRequest = {
    ...form.request,
    parameters: runbook ? parseFormValues(runbook, form.parameterValues) : {},
  };
  const planned = await planRun(context, request, asker.subject);
  if (planned.kind !== 'planned') return planned;
  const draftId = await context.drafts.save({
    request,
    userId: asker.requester.userId,
    channelId: asker.channelId,
  });
  return {
    kind: 'confirm',
    plan: planned.plan,
    draftId,
    needsApproval: needsApproval(context.approvals, planned.plan),
    emergency: request.emergency === true,
  };
}
