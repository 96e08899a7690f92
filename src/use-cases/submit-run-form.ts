// The run modal's "Preview": check the form like a command, then keep it as a draft awaiting confirmation.
import type { ChangeRequestRefusal } from '../core/approval/change-request-refusal.js';
import { type ChangeWindow, resolveChangeWindow } from '../core/approval/change-window.js';
import type { RunPlan } from '../core/run/run-plan.js';
import type { RunRequest } from '../core/run/run-request.js';
import type { PlanReadiness } from '../core/run/target-readiness.js';
import { type FormValue, parseFormValues } from '../core/runbook/parse-form-values.js';
import type { RunDraftStore } from '../ports.js';
import { checkPlanReadiness, READINESS_BUDGET_MS } from './check-plan-readiness.js';
import { needsApproval } from './governing-templates.js';
import { type PlanRunResult, planRun } from './plan-run.js';
import type { RunAsker } from './request-run.js';
import type { RunContext } from './run-context.js';

export type SubmitRunFormResult =
  | Exclude<PlanRunResult, { kind: 'planned' }>
  /** The window cannot be used, or the run needs no approval and so cannot be scheduled. */
  | {
      kind: 'change-refused';
      refusal: Extract<ChangeRequestRefusal, { code: 'window-invalid' | 'schedule-not-governed' }>;
    }
  | {
      kind: 'confirm';
      plan: RunPlan;
      /** Which targets would be refused at start, as far as the bot could tell before Slack's 3 seconds. */
      readiness: PlanReadiness;
      draftId: string;
      needsApproval: boolean;
      emergency: boolean;
      /** The picked window, as resolved now (resolved again when the change is asked for). */
      window?: ChangeWindow;
    };

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
  // Checked now, as the command is when asked, so the form says it under the field; checked again on confirm.
  const governed = needsApproval(context.approvals, planned.plan);
  const window = resolveChangeWindow(request.window, context.now());
  if (window.kind === 'invalid') {
    return { kind: 'change-refused', refusal: { code: 'window-invalid', problem: window.problem } };
  }
  if (window.kind === 'window' && !governed) {
    return { kind: 'change-refused', refusal: { code: 'schedule-not-governed' } };
  }
  const [draftId, readiness] = await Promise.all([
    context.drafts.save({ request, userId: asker.requester.userId, channelId: asker.channelId }),
    checkPlanReadiness(context, planned.plan, READINESS_BUDGET_MS.modal),
  ]);
  return {
    kind: 'confirm',
    plan: planned.plan,
    readiness,
    draftId,
    needsApproval: governed,
    emergency: request.emergency === true,
    ...(window.kind === 'window' && { window: window.window }),
  };
}
