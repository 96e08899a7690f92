// An approver's or the requester's click on a change request: approve, reject (with the modal's reason) or
// withdraw. A refusal is a value for the clicker alone; a final approval starts the run.
import type { ChangeRefusal } from '../core/approval/change-event.js';
import { decideChangeEvent } from '../core/approval/decide-change-event.js';
import type { StoredChange } from '../core/approval/stored-change.js';
import { personActor } from '../core/audit/audit-entry.js';
import type { Subject } from '../core/policy/subject.js';
import { applyChangeEvent } from './apply-change-event.js';
import { type ProceedOutcome, proceedWithChange } from './proceed-with-change.js';
import type { RunContext } from './run-context.js';
import { templateNamed } from './template-named.js';

export type ChangeDecisionInput =
  | { kind: 'approve' }
  | { kind: 'reject'; reason?: string }
  | { kind: 'withdraw' };

/** A refusal of the state machine, or a click on a change that does not exist. */
export type DecideChangeRefusal = ChangeRefusal | { code: 'not-found'; changeId: string };

export type DecideChangeResult =
  | { kind: 'decided'; change: StoredChange; proceeded?: ProceedOutcome }
  | { kind: 'refused'; refusal: DecideChangeRefusal };

/** Who clicked, as Slack identified them, with the user groups the listener resolved for them. */
export type ChangeClicker = Pick<Subject, 'userId' | 'userGroupIds' | 'teamId' | 'userName'>;

export async function decideChange(
  context: RunContext,
  changeId: string,
  clicker: ChangeClicker,
  input: ChangeDecisionInput,
): Promise<DecideChangeResult> {
  const at = context.now();
  const { userId } = clicker;
  const voterGroups = input.kind === 'withdraw' ? [] : clicker.userGroupIds;
  const event =
    input.kind === 'approve'
      ? ({ type: 'approve', voter: userId, voterGroups, at } as const)
      : input.kind === 'reject'
        ? ({ type: 'reject', voter: userId, voterGroups, reason: input.reason, at } as const)
        : ({ type: 'withdraw', by: userId, at } as const);
  const result = await applyChangeEvent(context, changeId, personActor(clicker), event);
  if (result.kind === 'missing') return { kind: 'refused', refusal: { code: 'not-found', changeId } };
  if (result.kind === 'refused') return result;
  // A change approved before its window goes on too: it takes its locks and waits.
  const approved = result.outcome === 'approved' || result.outcome === 'scheduled';
  return {
    kind: 'decided',
    change: result.change,
    ...(approved && { proceeded: await proceedWithChange(context, changeId) }),
  };
}

/**
 * Whether `userId` could reject the change now, asked before the reason is: the decision is made as if a reason
 * were given, so only a missing reason can still refuse the real rejection.
 */
export async function mayReject(
  context: RunContext,
  changeId: string,
  { userId, userGroupIds }: ChangeClicker,
): Promise<{ kind: 'ok'; reasonRequired: boolean } | { kind: 'refused'; refusal: DecideChangeRefusal }> {
  const change = await context.approvals.changes.get(changeId);
  const template = change && templateNamed(context.approvals, change.request.template);
  if (!change || !template) return { kind: 'refused', refusal: { code: 'not-found', changeId } };
  const decision = decideChangeEvent(change.request, template, {
    type: 'reject',
    voter: userId,
    voterGroups: userGroupIds,
    reason: 'asked next',
    at: context.now(),
  });
  if (decision.kind === 'refused') return decision;
  return { kind: 'ok', reasonRequired: template.reasonRequired.onReject };
}
