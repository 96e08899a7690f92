// Before a preview is shown: ask whether each target would take a start, so the preview refuses what the run
// would refuse. Only previews ask; a real start never waits on it (and SSM or the start say the rest).
import type { RunPlan } from '../core/run/run-plan.js';
import type { PlanReadiness } from '../core/run/target-readiness.js';
import type { RunContext } from './run-context.js';

/**
 * How long a preview waits for the checks. The `--dry-run` reply is sent after the ack, through response_url,
 * so it can wait longer; the modal's confirmation view is the answer to its view_submission, which Slack must
 * get within 3 seconds. What is not answered in time is shown as not checked.
 */
export const READINESS_BUDGET_MS = { reply: 8_000, modal: 2_000 } as const;

export async function checkPlanReadiness(
  context: Pick<RunContext, 'readiness' | 'settings'>,
  plan: RunPlan,
  budgetMs: number,
): Promise<PlanReadiness> {
  const byTarget = await context.readiness.check(plan.targets, plan.mode, { budgetMs });
  return {
    byTarget,
    ...(plan.mode === 'multi-account' && {
      checkedAtStart: { executionRoleName: context.settings.executionRoleName },
    }),
  };
}
