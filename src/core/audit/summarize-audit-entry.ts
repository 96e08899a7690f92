// The one plain-text sentence of an audit entry, written from its fields: names, not Slack tokens.
import type { AuditActor, NewAuditEntry } from './audit-entry.js';

/** "alice", or the Slack user id when Slack sent no name; a part of the bot by its name. */
export function actorName(actor: AuditActor): string {
  return actor.kind === 'user' ? (actor.displayName ?? actor.userId) : `ssm-chatops (${actor.name})`;
}

const targetCount = (count: number) => `${count} ${count === 1 ? 'target' : 'targets'}`;

export function summarizeAuditEntry(entry: Omit<NewAuditEntry, 'summary'>): string {
  const who = actorName(entry.actor);
  const { changeId = '?', runId = '?' } = entry.subject;
  const on = `${entry.runbook ?? 'a runbook'} on ${targetCount(entry.targets?.length ?? 0)}`;
  const level = entry.level ? (entry.level.name ?? `level ${entry.level.index + 1}`) : 'its level';
  const votes = entry.votes ? ` (${entry.votes.count} of ${entry.votes.required})` : '';
  const reason = entry.reason ? `: ${entry.reason}` : '';
  const details = entry.details ?? {};
  switch (entry.action) {
    case 'change.requested':
      return `${who} requested ${changeId}: ${on} under ${entry.template ?? 'a change template'}${reason}`;
    case 'change.vote':
      return `${who} approved ${changeId} at ${level}${votes}`;
    case 'change.level-approved':
      return `${who} approved ${changeId}; ${level} is satisfied${votes}`;
    case 'change.approved':
      if (entry.actor.kind === 'user') return `${who} approved ${changeId}; every level is satisfied`;
      return details.emergencyBypass
        ? `${changeId} approved without votes: an emergency change that bypasses approvals`
        : `${changeId} approved without votes: a standard change under ${entry.template ?? 'its template'}`;
    case 'change.rejected':
      return `${who} rejected ${changeId}${reason}`;
    case 'change.withdrawn':
      return `${who} withdrew ${changeId}`;
    case 'change.expired':
      return details.cause === 'run-channel-unavailable'
        ? `${changeId} expired without starting: the bot could not post in ${details.channelId}`
        : details.cause === 'window-ended'
          ? `${changeId} expired: its window ended before it started`
          : `${changeId} expired before it was approved`;
    case 'change.emergency':
      return `${who} raised ${changeId} as an emergency change${details.calendarBypassed ? ' while a change calendar was CLOSED' : ''}`;
    case 'change.held': {
      const calendars = Array.isArray(details.calendars) ? details.calendars.join(', ') : 'a change calendar';
      return `${changeId} is held: ${calendars} CLOSED`;
    }
    case 'change.scheduled':
      return `${changeId} is scheduled: approved, it starts at ${details.startAt ?? 'its window'}`;
    case 'change.window-opened':
      return `${changeId}: its window opened at ${details.startAt ?? '?'}`;
    case 'change.released':
      return `${changeId} released: its change calendar is OPEN`;
    case 'run.requested':
      return `${who} started ${runId}: ${on} (no approval needed)`;
    case 'run.started':
      return `${runId} started for ${changeId}: ${on}`;
    case 'run.cancelled':
      return `${who} cancelled ${runId}`;
    case 'run.finished': {
      const counts = Object.entries(details)
        .filter(([, value]) => typeof value === 'number')
        .map(([status, count]) => `${count} ${status}`);
      return `${runId} ended ${entry.outcome ?? ''}${counts.length > 0 ? `: ${counts.join(', ')}` : ''}`;
    }
  }
}
