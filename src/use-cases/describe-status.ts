// `/ssm status <id>` and a run's Status button: a change with its template and timeline, or a run with its timeline.
import { isChangeId } from '../core/approval/change-id.js';
import type { ChangeTemplate } from '../core/approval/change-template-schema.js';
import type { StoredChange } from '../core/approval/stored-change.js';
import type { AuditEntry } from '../core/audit/audit-entry.js';
import { type Audience, audienceOfChange, audienceOfRun } from '../core/policy/is-visible-to.js';
import type { Subject } from '../core/policy/subject.js';
import type { Run } from '../core/run/run.js';
import type { RunContext } from './run-context.js';
import { templateNamed } from './template-named.js';
import { visibleTo } from './visible-to.js';

export type StatusResult =
  | { kind: 'change'; change: StoredChange; template: ChangeTemplate; timeline: AuditEntry[] }
  | { kind: 'run'; run: Run; timeline: AuditEntry[] }
  | { kind: 'not-found'; id: string };

/**
 * What `subject` may know of `id`. A run or a change they may not see (`isVisibleTo`, channel membership looked
 * up) answers exactly as an id nobody has, so the answer does not tell that it exists.
 */
export async function describeStatus(
  context: Pick<RunContext, 'runs' | 'audit' | 'approvals' | 'operators' | 'channelMembers'>,
  id: string,
  subject: Subject,
): Promise<StatusResult> {
  if (isChangeId(id)) {
    const change = await context.approvals.changes.get(id);
    const template = change && templateNamed(context.approvals, change.request.template);
    if (!change || !template) return { kind: 'not-found', id };
    if (!(await sees(context, subject, audienceOfChange(change, template)))) return { kind: 'not-found', id };
    return { kind: 'change', change, template, timeline: await context.audit.timeline(id) };
  }
  const run = await context.runs.get(id);
  if (!run) return { kind: 'not-found', id };
  if (!(await sees(context, subject, audienceOfRun(run, context.approvals.templates)))) {
    return { kind: 'not-found', id };
  }
  return { kind: 'run', run, timeline: await context.audit.timeline(id) };
}

async function sees(
  context: Pick<RunContext, 'operators' | 'channelMembers'>,
  subject: Subject,
  audience: Audience,
): Promise<boolean> {
  const [visible] = await visibleTo(context, subject, [audience]);
  return visible === true;
}
