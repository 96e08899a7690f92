// Start a planned run: record it first, post its parent message, and hand it to the follower that starts
// and tracks its executions (so a crash after the record never loses the run).

import type { RunTargets } from '../core/command/ssm-command.js';
import { newRunId } from '../core/run/new-run-id.js';
import type { Requester, Run } from '../core/run/run.js';
import type { RunPlan } from '../core/run/run-plan.js';
import type { RunContext } from './run-context.js';

export interface StartRunInput {
  plan: RunPlan;
  requester: Requester;
  channelId: string;
  requested: RunTargets;
  /** The id to use (a change's run: derived from the change); default a new one. */
  runId?: string;
  /** The change request that approved this run. */
  change?: { id: string; template: string };
}

export async function startRun(
  context: Pick<RunContext, 'runs' | 'notifier' | 'scheduler' | 'now' | 'randomBytes'>,
  input: StartRunInput,
): Promise<Run> {
  const run = newRun(input, input.runId ?? newRunId(context.randomBytes), context.now().toISOString());
  await context.runs.create(run);
  let posted = run;
  try {
    const parentTs = await context.notifier.postRunMessage(run);
    posted =
      (await context.runs.update(run.id, (latest) => ({
        ...latest,
        slack: { ...latest.slack, parentTs },
      }))) ?? run;
  } finally {
    // Even when Slack is down the run goes on; the follower posts the parent message when it can.
    await context.scheduler.startChildren(run.id);
  }
  return posted;
}

function newRun(input: StartRunInput, id: string, now: string): Run {
  const { plan } = input;
  const names = new Map(plan.accounts.map((account) => [account.id, account.name]));
  return {
    id,
    createdAt: now,
    updatedAt: now,
    requester: input.requester,
    channelId: input.channelId,
    runbook: plan.runbook.version
      ? { name: plan.runbook.name, version: plan.runbook.version }
      : { name: plan.runbook.name },
    parameters: plan.parameters,
    targets: {
      accounts: plan.accounts.map((account) => ({ id: account.id, name: account.name })),
      regions: plan.regions,
      requested: input.requested,
    },
    mode: plan.mode,
    concurrency: plan.concurrency,
    maxErrors: plan.maxErrors,
    reason: plan.reason,
    policyRule: plan.policy.rules.join(', '),
    approval: input.change
      ? { templates: [input.change.template], changeId: input.change.id }
      : plan.policy.approvalTemplates.length > 0
        ? { templates: plan.policy.approvalTemplates }
        : undefined,
    status: 'starting',
    children: plan.targets.map((target) => ({
      accountId: target.accountId,
      accountName: names.get(target.accountId) ?? target.accountId,
      region: target.region,
      // Fan-out children wait for the bot to start them; multi-account ones for SSM.
      status: plan.mode === 'fan-out' ? 'Queued' : 'Pending',
    })),
    slack: {},
  };
}
