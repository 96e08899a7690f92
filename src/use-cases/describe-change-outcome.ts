// What a change transition means for the audit trail and for the request's thread: one entry, one line.
import type { ChangeOutcome } from '../core/approval/change-event.js';
import type { ChangeTemplate } from '../core/approval/change-template-schema.js';
import type { StoredChange } from '../core/approval/stored-change.js';
import type { AuditAction, AuditActor, NewAuditEntry } from '../core/audit/audit-entry.js';

export interface DescribedOutcome {
  audit?: Omit<NewAuditEntry, 'at'>;
  /** A line for the request's thread, posted once under `key`. */
  thread?: { key: string; text: string };
}

const ACTIONS: Partial<Record<ChangeOutcome, AuditAction>> = {
  'vote-recorded': 'change.vote',
  'level-approved': 'change.level-approved',
  approved: 'change.approved',
  rejected: 'change.rejected',
  withdrawn: 'change.withdrawn',
  expired: 'change.expired',
  held: 'change.held',
  released: 'change.released',
};

export function describeChangeOutcome(
  change: StoredChange,
  template: ChangeTemplate,
  outcome: ChangeOutcome,
  actor: AuditActor,
): DescribedOutcome {
  const { request } = change;
  const who = actor.kind === 'user' ? `<@${actor.userId}>` : 'ssm-chatops';
  const text = lineFor(change, template, outcome, who);
  const action = ACTIONS[outcome];
  const details: Record<string, string | number | boolean | string[]> = { status: request.status };
  if (outcome === 'rejected' && request.rejection?.reason) details.reason = request.rejection.reason;
  if (outcome === 'held' && request.held) details.held = request.held.reason;
  if (outcome === 'vote-recorded' || outcome === 'level-approved' || outcome === 'approved')
    details.votes = request.votes.map((vote) => `${vote.userId}@${vote.level + 1}`);
  return {
    ...(action && {
      audit: {
        action,
        actor,
        subject: { changeId: request.id, ...(request.runId ? { runId: request.runId } : {}) },
        summary: text.replace(/^:[a-z_]+: /, ''),
        details,
      },
    }),
    ...(outcome !== 'started' && { thread: { key: `v${request.version}`, text } }),
  };
}

function lineFor(
  change: StoredChange,
  template: ChangeTemplate,
  outcome: ChangeOutcome,
  who: string,
): string {
  const { request } = change;
  const levelName = (index: number) => template.levels[index]?.name ?? `level ${index + 1}`;
  switch (outcome) {
    case 'vote-recorded': {
      const level = template.levels[request.level];
      const votes = request.votes.filter((vote) => vote.level === request.level).length;
      return `:white_check_mark: ${who} approved (${levelName(request.level)}: ${votes} of ${level?.minApprovals ?? 1}).`;
    }
    case 'level-approved':
      return `:white_check_mark: ${who} approved; ${levelName(request.level - 1)} is satisfied. Now asking ${levelName(request.level)}.`;
    case 'approved':
      return request.votes.length > 0
        ? `:white_check_mark: ${who} approved; every level is satisfied. Starting.`
        : ':white_check_mark: Approved without votes. Starting.';
    case 'rejected':
      return `:x: ${who} rejected this change${request.rejection?.reason ? `: ${request.rejection.reason}` : '.'}`;
    case 'withdrawn':
      return `:leftwards_arrow_with_hook: ${who} withdrew this change.`;
    case 'expired':
      return ':hourglass: This change expired before it was approved; nothing was started.';
    case 'held':
      return `:no_entry: Held: ${request.held?.reason ?? 'a change calendar is CLOSED'}. It starts when the calendar opens, unless it expires first.`;
    case 'released':
      return ':unlock: The change calendar is OPEN again. Starting.';
    case 'started':
      return `:rocket: Started ${request.runId}.`;
    case 'run-ended':
      return `:checkered_flag: ${request.runId} ended; its locks are released.`;
  }
}
