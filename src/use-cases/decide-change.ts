// An approver's or the requester's click on a change request: approve, reject (with the modal's reason) or
// withdraw. A refusal is an explanation for the clicker alone; a final approval starts the run.
import type { ChangeRefusalCode } from '../core/approval/change-event.js';
import { decideChangeEvent } from '../core/approval/decide-change-event.js';
import type { StoredChange } from '../core/approval/stored-change.js';
import type { Subject } from '../core/policy/subject.js';
import { applyChangeEvent } from './apply-change-event.js';
import { type ProceedOutcome, proceedWithChange } from './proceed-with-change.js';
import type { RunContext } from './run-context.js';

export type ChangeDecisionInput =
  | { kind: 'approve' }
  | { kind: 'reject'; reason?: string }
  | { kind: 'withdraw' };

export type DecideChangeResult =
  | { kind: 'decided'; change: StoredChange; proceeded?: ProceedOutcome }
  | { kind: 'refused'; code: ChangeRefusalCode | 'not-found'; message: string };

/** Who clicked, with the user groups the listener resolved for them. */
export type ChangeClicker = Pick<Subject, 'userId' | 'userGroupIds'>;

export async function decideChange(
  context: RunContext,
  changeId: string,
  { userId, userGroupIds }: ChangeClicker,
  input: ChangeDecisionInput,
): Promise<DecideChangeResult> {
  const at = context.now();
  const voterGroups = input.kind === 'withdraw' ? [] : userGroupIds;
  const event =
    input.kind === 'approve'
      ? ({ type: 'approve', voter: userId, voterGroups, at } as const)
      : input.kind === 'reject'
        ? ({ type: 'reject', voter: userId, voterGroups, reason: input.reason, at } as const)
        : ({ type: 'withdraw', by: userId, at } as const);
  const result = await applyChangeEvent(context, changeId, { kind: 'user', userId }, event);
  if (result.kind === 'missing')
    return { kind: 'refused', code: 'not-found', message: `There is no change \`${changeId}\`.` };
  if (result.kind === 'refused') return result;
  const approved = result.outcome === 'approved';
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
): Promise<{ kind: 'ok'; reasonRequired: boolean } | { kind: 'refused'; message: string }> {
  const change = await context.approvals.changes.get(changeId);
  const template = context.approvals.templates.find(
    (candidate) => candidate.name === change?.request.template,
  );
  if (!change || !template) return { kind: 'refused', message: `There is no change \`${changeId}\`.` };
  const decision = decideChangeEvent(change.request, template, {
    type: 'reject',
    voter: userId,
    voterGroups: userGroupIds,
    reason: 'asked next',
    at: context.now(),
  });
  if (decision.kind === 'refused') return { kind: 'refused', message: decision.message };
  return { kind: 'ok', reasonRequired: template.reasonRequired.onReject };
}
