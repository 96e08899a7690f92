// An Automation status-change event from EventBridge: an execution the bot follows is polled at once; a failed
// execution nobody started from Slack gets a failure thread of its own in the notifications channel.
import type { ExecutionStatusEvent, StepStatusEvent } from '../core/events/automation-status-event.js';
import { type ExternalFailure, FAILURE_STATUSES } from '../core/events/external-failure.js';
import type { RunContext } from './run-context.js';

export type IngestOutcome =
  | { kind: 'polled'; runId: string }
  | { kind: 'failure-thread'; executionId: string }
  | { kind: 'ignored'; reason: string };

export async function ingestAutomationEvent(
  context: RunContext,
  event: ExecutionStatusEvent | StepStatusEvent,
): Promise<IngestOutcome> {
  const location = { accountId: event.accountId, region: event.region };
  const parentId = event.kind === 'execution' ? event.parentExecutionId : undefined;
  const runId =
    (await context.runs.findRunIdByExecutionId(event.executionId)) ??
    (parentId ? await context.runs.findRunIdByExecutionId(parentId) : undefined);
  if (runId) {
    // Ours: what changed is read by the poller, now rather than at its next tick.
    await context.scheduler.pollLocation(location);
    return { kind: 'polled', runId };
  }
  if (event.kind !== 'execution' || !FAILURE_STATUSES.has(event.status)) {
    return { kind: 'ignored', reason: `not ours and not a failed execution (${event.kind} ${event.status})` };
  }
  const channel = context.settings.notificationsChannel;
  if (!channel) return { kind: 'ignored', reason: 'no notifications channel configured' };
  await context.notifier.announceExternalFailure(channel, await describeFailure(context, event));
  return { kind: 'failure-thread', executionId: event.executionId };
}

/** What the member account says of it (steps, failure) through the read role, and the account's name. */
async function describeFailure(context: RunContext, event: ExecutionStatusEvent): Promise<ExternalFailure> {
  const [detail, organization] = await Promise.all([
    context.automation.describe({
      executionId: event.executionId,
      accountId: event.accountId,
      region: event.region,
    }),
    // The account's name is a nicety: the thread opens with its id when Organizations cannot be read.
    context.accounts.organization().catch((error: unknown) => {
      context.log.warn(
        { accountId: event.accountId, region: event.region, message: (error as Error)?.message },
        'could not read the organization to name the account of an outside failure',
      );
      return undefined;
    }),
  ]);
  const snapshot = detail.ok ? detail.value : undefined;
  if (!detail.ok) {
    // The thread still opens, with what the event says; an operator should learn why the steps are missing.
    context.log.warn(
      {
        accountId: event.accountId,
        region: event.region,
        executionId: event.executionId,
        reason: detail.failure.reason,
        message: detail.failure.message,
      },
      'AWS refused to read a failed execution nobody started from Slack; its thread has no steps',
    );
  }
  return {
    executionId: event.executionId,
    runbook: event.definition,
    accountId: event.accountId,
    accountName: organization?.accounts.find((account) => account.id === event.accountId)?.name,
    region: event.region,
    status: event.status,
    executedBy: event.executedBy,
    parentExecutionId: event.parentExecutionId,
    startedAt: event.startTime,
    endedAt: event.endTime,
    steps: snapshot?.steps,
    failureMessage: snapshot?.failure?.message ?? (detail.ok ? undefined : detail.failure.message),
  };
}
