// A governed `/ssm run` becomes a change request: checked (reason, calendar, emergency, conflicting locks),
// stored, audited, shown in the approvals channel, and given its expiry job. A standard change goes on at once.

import { newChangeId } from '../core/approval/change-id.js';
import type { ChangeTemplate } from '../core/approval/change-template-schema.js';
import { lockKeysFor } from '../core/approval/locks.js';
import { openChangeRequest } from '../core/approval/open-change-request.js';
import type { ChangeRunSpec, StoredChange } from '../core/approval/stored-change.js';
import { appendAudit } from './append-audit.js';
import { proceedWithChange } from './proceed-with-change.js';
import type { RunContext } from './run-context.js';
import { targetsPhrase } from './targets-phrase.js';

export type RequestChangeResult =
  | { kind: 'change-requested'; change: StoredChange }
  /** Nothing was stored; `message` says why, as a sentence for the requester. */
  | { kind: 'change-refused'; message: string };

export interface ChangeAsk {
  run: ChangeRunSpec;
  emergency: boolean;
  /** The requester's user groups, as resolved once for the whole request (the Subject). */
  requesterGroups: string[];
}

export async function requestChange(
  context: RunContext,
  template: ChangeTemplate,
  ask: ChangeAsk,
): Promise<RequestChangeResult> {
  const { approvals } = context;
  const channel = template.approvalsChannel ?? approvals.defaultChannel;
  if (!channel) {
    return refused(
      `The change template \`${template.name}\` names no approvals channel and slack.channels.approvals is not set, so nobody could approve this change. Ask an administrator to set one.`,
    );
  }
  const lockKeys = lockKeysFor(ask.run.plan.runbook.name, ask.run.plan.targets);
  const holder = await approvals.changes.lockHolder(lockKeys);
  if (holder && template.onConflict === 'refuse') {
    return refused(await lockRefusal(approvals, holder, ask.run.plan.runbook.name));
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
    now: context.now(),
  });
  if (opened.kind === 'refused') return refused(opened.message);

  const change: StoredChange = {
    request: opened.request,
    run: ask.run,
    lockKeys,
    slack: { approvalsChannel: channel },
  };
  await approvals.changes.create(change);
  const actor = { kind: 'user', userId: requester } as const;
  const where = targetsPhrase(ask.run.plan.targets.length);
  await appendAudit(context, {
    action: 'change.requested',
    actor,
    subject: { changeId: change.request.id },
    summary: `<@${requester}> requested ${ask.run.plan.runbook.name} on ${where} under ${template.name}`,
    details: {
      template: template.name,
      runbook: ask.run.plan.runbook.name,
      targets: ask.run.plan.targets.map((target) => `${target.accountId}/${target.region}`),
      ...(ask.run.plan.reason ? { reason: ask.run.plan.reason } : {}),
      ...(calendar ? { calendar: calendar.state } : {}),
      ...(holder ? { waitsFor: holder } : {}),
    },
  });
  if (opened.flags.emergency) {
    await appendAudit(context, {
      action: 'change.emergency',
      actor,
      subject: { changeId: change.request.id },
      summary: `<@${requester}> raised ${change.request.id} as an emergency change${opened.flags.calendarBypassed ? ' while a change calendar was CLOSED' : ''}`,
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
      subject: { changeId: change.request.id },
      summary: `${change.request.id} approved without votes (${opened.flags.autoApproved ? `standard change under ${template.name}` : 'emergency change that bypasses approvals'})`,
    });
  }
  await approvals.notifier.showChange(change, template);
  await approvals.notifier.showRequesterLink(change);
  if (holder) {
    await approvals.notifier.noteInThread(
      change,
      'waits-for-lock',
      `:hourglass: Another change, \`${holder}\`, holds ${ask.run.plan.runbook.name} on some of these targets; this one starts after it ends.`,
    );
  }
  const untilExpiry = Date.parse(change.request.expiresAt) - context.now().getTime();
  await context.scheduler.expireChange(change.request.id, Math.max(0, untilExpiry));
  if (change.request.status === 'approved') await proceedWithChange(context, change.request.id);
  return { kind: 'change-requested', change: (await approvals.changes.get(change.request.id)) ?? change };
}

const refused = (message: string): RequestChangeResult => ({ kind: 'change-refused', message });

async function lockRefusal(
  approvals: RunContext['approvals'],
  holderId: string,
  runbook: string,
): Promise<string> {
  const holder = await approvals.changes.get(holderId);
  const who = holder ? ` by <@${holder.request.requester}>` : '';
  return `${runbook} is locked on some of these targets by change \`${holderId}\`${who}, which is approved or running. Try again once it has ended (\`/ssm status ${holderId}\`).`;
}
