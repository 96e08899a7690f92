// A governed `/ssm run` becomes a change request: checked (reason, calendar, emergency, conflicting locks),
// stored, audited, shown in the approvals channel, and given its expiry job. A standard change goes on at once.

import { newChangeId } from '../core/approval/change-id.js';
import type { ChangeRequestRefusal } from '../core/approval/change-request-refusal.js';
import type { ChangeTemplate } from '../core/approval/change-template-schema.js';
import type { ChangeWindow } from '../core/approval/change-window.js';
import { lockKeysFor } from '../core/approval/locks.js';
import { openChangeRequest } from '../core/approval/open-change-request.js';
import type { ChangeRunSpec, StoredChange } from '../core/approval/stored-change.js';
import { auditTargets, personActor } from '../core/audit/audit-entry.js';
import { appendAudit } from './append-audit.js';
import { proceedWithChange } from './proceed-with-change.js';
import type { RunContext } from './run-context.js';

export type RequestChangeResult =
  | { kind: 'change-requested'; change: StoredChange }
  /** Nothing was stored. */
  | { kind: 'change-refused'; refusal: ChangeRequestRefusal };

export interface ChangeAsk {
  run: ChangeRunSpec;
  emergency: boolean;
  /** The requester's user groups, as resolved once for the whole request (the Subject). */
  requesterGroups: string[];
  /** When it may start, resolved against the clock when the command was received. */
  window?: ChangeWindow;
}

export async function requestChange(
  context: RunContext,
  template: ChangeTemplate,
  ask: ChangeAsk,
): Promise<RequestChangeResult> {
  const { window } = ask;
  const { approvals } = context;
  const channel = template.approvalsChannel ?? approvals.defaultChannel;
  if (!channel) return refused({ code: 'no-approvals-channel', template: template.name });
  const lockKeys = lockKeysFor(ask.run.plan.runbook.name, ask.run.plan.targets);
  const holder = await approvals.changes.lockHolder(lockKeys);
  if (holder && template.onConflict === 'refuse') {
    const holderRequester = (await approvals.changes.get(holder))?.request.requester;
    return refused({
      code: 'locked',
      runbook: ask.run.plan.runbook.name,
      holder,
      ...(holderRequester ? { holderRequester } : {}),
    });
  }
  const requester = ask.run.requester.userId;
  const calendar =
    template.calendars && template.calendars.length > 0
      ? await approvals.calendar.state(template.calendars)
      : undefined;
  const opened = openChangeRequest({
    id: newChangeId(context.randomBytes),
    template,
    requester,
    requesterGroups: ask.requesterGroups,
    reason: ask.run.plan.reason,
    emergency: ask.emergency,
    calendar,
    ...(window && { window }),
    now: context.now(),
  });
  if (opened.kind === 'refused') return refused(opened.refusal);

  const change: StoredChange = {
    request: opened.request,
    run: ask.run,
    lockKeys,
    slack: { approvalsChannel: channel },
  };
  await approvals.changes.create(change);
  const actor = personActor(ask.run.requester);
  const subject = { changeId: change.request.id };
  const runbook = ask.run.plan.runbook.name;
  await appendAudit(context, {
    action: 'change.requested',
    actor,
    subject,
    runbook,
    targets: auditTargets(ask.run.plan.targets),
    template: template.name,
    outcome: change.request.status,
    ...(ask.run.plan.reason ? { reason: ask.run.plan.reason } : {}),
    details: {
      ...(calendar ? { calendar: calendar.state } : {}),
      ...(holder ? { waitsFor: holder } : {}),
      ...(window && { startAt: window.startAt, ...(window.endBy && { endBy: window.endBy }) }),
      ...(ask.run.origin ? { retryOf: ask.run.origin.runId, retryKind: ask.run.origin.kind } : {}),
    },
  });
  if (opened.flags.emergency) {
    await appendAudit(context, {
      action: 'change.emergency',
      actor,
      subject,
      runbook,
      template: template.name,
      details: {
        calendarBypassed: opened.flags.calendarBypassed,
        approvalsBypassed: opened.flags.approvalsBypassed,
      },
    });
  }
  if (opened.flags.autoApproved || opened.flags.approvalsBypassed) {
    await appendAudit(context, {
      action: 'change.approved',
      actor: { kind: 'system', name: 'ssm-chatops' },
      subject,
      runbook,
      template: template.name,
      outcome: 'approved',
      details: { emergencyBypass: !opened.flags.autoApproved },
    });
    if (change.request.status === 'scheduled') {
      await appendAudit(context, {
        action: 'change.scheduled',
        actor: { kind: 'system', name: 'ssm-chatops' },
        subject,
        runbook,
        template: template.name,
        outcome: 'scheduled',
        details: { ...change.request.window },
      });
    }
  }
  await approvals.notifier.showChange(change, template);
  await approvals.notifier.showRequesterLink(change);
  if (holder) {
    await approvals.notifier.noteInThread(change, 'waits-for-lock', {
      kind: 'waits-for-lock',
      holder,
      runbook,
    });
  }
  const untilExpiry = Date.parse(change.request.expiresAt) - context.now().getTime();
  await context.scheduler.expireChange(change.request.id, Math.max(0, untilExpiry));
  if (window) {
    const untilWindow = Date.parse(window.startAt) - context.now().getTime();
    if (untilWindow > 0) await context.scheduler.openChangeWindow(change.request.id, untilWindow);
  }
  if (change.request.status === 'approved' || change.request.status === 'scheduled')
    await proceedWithChange(context, change.request.id);
  return { kind: 'change-requested', change: (await approvals.changes.get(change.request.id)) ?? change };
}

const refused = (refusal: ChangeRequestRefusal): RequestChangeResult => ({ kind: 'change-refused', refusal });
