// Which change template governs a planned run, with the organization's accounts the plan resolved.
import { type GoverningTemplates, templatesForRun } from '../core/approval/templates-for-run.js';
import type { RunPlan } from '../core/run/run-plan.js';
import type { ApprovalServices } from './run-context.js';

export function governingTemplates(
  approvals: Pick<ApprovalServices, 'templates'>,
  plan: RunPlan,
): GoverningTemplates {
  const accounts = new Map(plan.accounts.map((account) => [account.id, account]));
  return templatesForRun(approvals.templates, {
    runbook: plan.runbook.name,
    targets: plan.targets.flatMap((target) => {
      const account = accounts.get(target.accountId);
      return account ? [{ account, region: target.region }] : [];
    }),
    policyTemplates: plan.policy.approvalTemplates,
  });
}

/** Whether the run would become a change request. */
export function needsApproval(approvals: Pick<ApprovalServices, 'templates'>, plan: RunPlan): boolean {
  return governingTemplates(approvals, plan).kind !== 'none';
}
