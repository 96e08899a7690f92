// Start a planned run: try its parent message, audit it, record it, and hand it to the follower that starts
// and tracks its executions. A run whose channel refuses the bot leaves nothing behind and starts nothing.

import type { NewAuditEntry } from '../core/audit/audit-entry.js';
import type { RunTargets } from '../core/command/ssm-command.js';
import { newRunId } from '../core/run/new-run-id.js';
import type { Requester, Run, RunOrigin } from '../core/run/run.js';
import type { RunPlan } from '../core/run/run-plan.js';
import { appendAuditOncePerRun } from './append-audit.js';
import type { RunContext } from './run-context.js';

export interface StartRunInput {
  plan: RunPlan;
  requester: Requester;
  channelId: string;
  requested: RunTargets;
  /** The run this one retries or repeats. */
  origin?: RunOrigin;
  /** The id to use (a change's run: derived from the change); default a new one. */
  runId?: string;
  /** The change request that approved this run, and who approved it (user ids, in the order they voted). */
  change?: { id: string; template: string; approvedBy?: string[] };
  /**
   * The audit entry of the start: appended once the post rules a refusal out, before the run is recorded; once
   * per run id, so two resumes of one change's start record one entry.
   */
  audit: (run: Run) => Omit<NewAuditEntry, 'at' | 'summary'>;
}

export type StartRunResult =
  /** `message`: whether Slack shows the run's message yet, or the outbox posts it once Slack allows. */
  | { kind: 'started'; run: Run; message: 'shown' | 'pending' }
  /**
   * Another caller recorded a run of the given `runId` first (a change's start resumed twice at once): it is
   * that caller's run. Never for a new id, whose clash is a fault.
   */
  | { kind: 'already-started'; runId: string }
  /** Nothing was recorded, audited or started: the bot cannot post in the channel (invite it, or ask elsewhere). */
  | { kind: 'channel-unavailable'; channelId: string; reason: string };

type StartRunContext = Pick<
  RunContext,
  'runs' | 'starts' | 'notifier' | 'scheduler' | 'now' | 'randomBytes' | 'audit'
>;

/**
 * A channel the bot cannot post in stops the run: its progress, failures and Cancel button live in the parent
 * message, so a run nobody can follow must not touch AWS. Hence the first post is tried before the record
 * (rather than recording first and removing the run when the post fails): the minute sweep gives every
 * recorded run a starter, so a record made first could start before its removal. That answer comes back as
 * `channel-unavailable`, with nothing recorded, audited or scheduled, and asking again is safe.
 *
 * Slack being slow, rate-limiting or down does not hold the start: the outbox posts the message, once, when
 * Slack allows (`message: 'pending'`), and the requester is told so. Waiting on Slack would leave the
 * requester with no answer for as long as a 429 storm lasts, and a change's approval would seem to do nothing.
 *
 * The audit entry comes next, before the record and so before anything can start it: a crash between the two
 * leaves a request in the trail that never ran, never a run the trail does not show. A crash or a fault after
 * the post leaves a message for a run that never started, and nothing in AWS: the start's ledger entry
 * (`context.starts`) outlives it, and the minute sweep edits that message to say the run did not start.
 *
 * (The first signature: a run with a new id cannot have been started by anyone else.)
 */
export function startRun(
  context: StartRunContext,
  input: StartRunInput & { runId?: undefined },
): Promise<Exclude<StartRunResult, { kind: 'already-started' }>>;
export function startRun(context: StartRunContext, input: StartRunInput): Promise<StartRunResult>;
export async function startRun(context: StartRunContext, input: StartRunInput): Promise<StartRunResult> {
  const run = newRun(input, input.runId ?? newRunId(context.randomBytes), context.now().toISOString());
  // A new id is this call's alone: cut short after the post, nothing would ever edit its message again, so
  // the start is on the ledger until the run is recorded (closeCutShortStarts closes what is left there). A
  // given id (a change's run) is resumed under that id until it is recorded, and its post edits the same message.
  const ledger = input.runId === undefined ? context.starts : undefined;
  await ledger?.begin(run);
  const posted = await context.notifier.postRunMessage(run);
  if (posted.kind === 'channel-unavailable') {
    await ledger?.settle(run.id);
    return posted;
  }
  await appendAuditOncePerRun(context, run.id, input.audit(run));
  if ((await context.runs.create(run)) === 'exists') {
    if (input.runId) return { kind: 'already-started', runId: run.id };
    throw new Error(`startRun: the new run id ${run.id} is taken (a random id clashed)`);
  }
  await ledger?.settle(run.id);
  await context.scheduler.startChildren(run.id);
  return { kind: 'started', run, message: posted.kind === 'posted' ? 'shown' : 'pending' };
}

function newRun(input: StartRunInput, id: string, now: string): Run {
  const { plan } = input;
  const names = new Map(plan.accounts.map((account) => [account.id, account.name]));
  return {
    id,
    revision: 1,
    createdAt: now,
    updatedAt: now,
    requester: input.requester,
    channelId: input.channelId,
    runbook: {
      name: plan.runbook.name,
      ...(plan.runbook.version && { version: plan.runbook.version }),
      ...(plan.runbook.steps && { steps: plan.runbook.steps }),
    },
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
      ? {
          templates: [input.change.template],
          changeId: input.change.id,
          ...(input.change.approvedBy?.length && { approvedBy: input.change.approvedBy }),
        }
      : plan.policy.approvalTemplates.length > 0
        ? { templates: plan.policy.approvalTemplates }
        : undefined,
    ...(input.origin && { origin: input.origin }),
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
