// One event on a change request, applied atomically, then audited and shown (message, requester link, thread).
import type { ChangeEvent } from '../core/approval/change-event.js';
import { decideChangeEvent } from '../core/approval/decide-change-event.js';
import type { AuditActor } from '../core/audit/audit-entry.js';
import type { ChangeTransition } from '../ports.js';
import { appendAudit } from './append-audit.js';
import { describeChangeOutcome } from './describe-change-outcome.js';
import type { RunContext } from './run-context.js';
import { templateNamed } from './template-named.js';

export async function applyChangeEvent(
  context: Pick<RunContext, 'now' | 'audit' | 'approvals'>,
  changeId: string,
  actor: AuditActor,
  event: ChangeEvent,
): Promise<ChangeTransition> {
  const { approvals } = context;
  const templateOf = (name: string) => {
    const template = templateNamed(approvals, name);
    // The config loader checks references at start-up; a template removed under a live change is a fault.
    if (!template) throw new Error(`change ${changeId} names template ${name}, which is not configured`);
    return template;
  };
  const result = await approvals.changes.transition(changeId, (latest) =>
    decideChangeEvent(latest.request, templateOf(latest.request.template), event),
  );
  if (result.kind !== 'changed') return result;
  const template = templateOf(result.change.request.template);
  const ending = event.type === 'run-ended' ? event.ending : undefined;
  const described = describeChangeOutcome(result.change, template, result.outcome, actor, ending);
  if (described.audit) await appendAudit(context, described.audit);
  await approvals.notifier.showChange(result.change, template);
  await approvals.notifier.showRequesterLink(result.change);
  if (described.thread)
    await approvals.notifier.noteInThread(result.change, described.thread.key, described.thread.note);
  return result;
}
