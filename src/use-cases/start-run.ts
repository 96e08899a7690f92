// Start a planned run: post its parent message, record it, audit it, and hand it to the follower that starts
// and tracks its executions. A channel the bot cannot post in refuses the run before anything is recorded.

import type { NewAuditEntry } from '../core/audit/audit-entry.js';
import type { RunTargets } from '../core/command/ssm-command.js';
import { newRunId } from '../core/run/new-run-id.js';
import type { Requester, Run } from '../core/run/run.js';
import type { RunPlan } from '../core/run/run-plan.js';
import type { RunMessagePost } from '../ports.js';
import { appendAudit } from './append-audit.js';
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
  /** The audit entry of the start, appended once the run is recorded and before anything starts in AWS. */
  audit: (run: Run) => Omit<NewAuditEntry, 'at' | 'summary'>;
}

export type StartRunResult =
  | { kind: 'started'; run: Run }
  /** Nothing was recorded, audited or started: the bot cannot post in the channel (invite it, or ask elsewhere). */
  | { kind: 'channel-unavailable'; channelId: string; reason: string };

/**
 * The parent message goes first, so a channel the bot cannot post in refuses the run with nothing to undo.
 * When Slack is down (the post throws), the run is still recorded and handed on, and the fault raised: the
 * follower posts the message when Slack is back. A crash between the post and the record leaves a message
 * whose run never started, and nothing in AWS.
 */
export async function startRun(
  context: Pick<RunContext, 'runs' | 'notifier' | 'scheduler' | 'now' | 'randomBytes' | 'audit'>,
  input: StartRunInput,
): Promise<StartRunResult> {
  const run = newRun(input, input.runId ?? newRunId(context.randomBytes), context.now().toISOString());
  let posted: RunMessagePost | undefined;
  let fault: unknown;
  try {
    posted = await context.notifier.postRunMessage(run);
  } catch (error) {
    fault = error;
  }
  if (posted?.kind === 'channel-unavailable') return posted;
  await context.runs.create(run);
  await appendAudit(context, input.audit(run));
  await context.scheduler.startChildren(run.id);
  if (fault) throw fault;
  return { kind: 'started', run };
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
  };
}
