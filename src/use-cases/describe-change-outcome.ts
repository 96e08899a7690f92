// What a change transition means for the audit trail and for the request's thread: one entry, one note.
import type { ChangeOutcome, RunEnding } from '../core/approval/change-event.js';
import type { ChangeNote } from '../core/approval/change-note.js';
import type { ChangeTemplate } from '../core/approval/change-template-schema.js';
import type { StoredChange } from '../core/approval/stored-change.js';
import type { AuditAction, AuditActor, AuditFacts, NewAuditEntry } from '../core/audit/audit-entry.js';

export interface DescribedOutcome {
  audit?: Omit<NewAuditEntry, 'at' | 'summary'>;
  /** A note for the request's thread, posted once under `key`. */
  thread?: { key: string; note: ChangeNote };
}

const ACTIONS: Partial<Record<ChangeOutcome, AuditAction>> = {
  'vote-recorded': 'change.vote',
  'level-approved': 'change.level-approved',
  approved: 'change.approved',
  rejected: 'change.rejected',
  withdrawn: 'change.withdrawn',
  expired: 'change.expired',
  'start-lapsed': 'change.expired',
  held: 'change.held',
  released: 'change.released',
  scheduled: 'change.scheduled',
  'window-opened': 'change.window-opened',
};

export function describeChangeOutcome(
  change: StoredChange,
  template: ChangeTemplate,
  outcome: ChangeOutcome,
  actor: AuditActor,
  /** How the run ended, when `outcome` is `run-ended`: the thread ends with it. */
  ending?: RunEnding,
): DescribedOutcome {
  const { request } = change;
  const action = ACTIONS[outcome];
  const note = noteFor(change, template, outcome, actor, ending);
  return {
    ...(action && {
      audit: {
        action,
        actor,
        subject: { changeId: request.id, ...(request.runId ? { runId: request.runId } : {}) },
        runbook: change.run.plan.runbook.name,
        template: template.name,
        outcome: request.status,
        ...factsFor(change, template, outcome),
      },
    }),
    ...(note && { thread: { key: `v${request.version}`, note } }),
  };
}

/** The level a vote counted at and the votes there: the level just asked, or the one just satisfied. */
function votedLevel(change: StoredChange, template: ChangeTemplate, outcome: ChangeOutcome) {
  const { request } = change;
  const index = outcome === 'vote-recorded' ? request.level : Math.max(0, request.level - 1);
  const level = template.levels[index];
  const count = request.votes.filter((vote) => vote.level === index).length;
  return {
    level: { index, ...(level?.name ? { name: level.name } : {}) },
    votes: { count, required: level?.minApprovals ?? 1 },
  };
}

function factsFor(change: StoredChange, template: ChangeTemplate, outcome: ChangeOutcome): AuditFacts {
  const { request } = change;
  switch (outcome) {
    case 'vote-recorded':
    case 'level-approved':
      return votedLevel(change, template, outcome);
    case 'approved':
      return request.votes.length > 0 ? votedLevel(change, template, outcome) : {};
    case 'scheduled':
      return {
        ...(request.votes.length > 0 ? votedLevel(change, template, outcome) : {}),
        details: { ...request.window },
      };
    case 'window-opened':
      return { details: { ...request.window } };
    case 'expired':
      return windowEnded(change) ? { details: { cause: 'window-ended', endBy: request.expiresAt } } : {};
    case 'rejected':
      return request.rejection?.reason ? { reason: request.rejection.reason } : {};
    case 'held':
      return { details: { calendars: request.calendar?.calendars ?? [] } };
    case 'start-lapsed':
      return { details: { cause: 'run-channel-unavailable', channelId: change.run.channelId } };
    default:
      return {};
  }
}

/** Expired at its window's end rather than for want of votes: `expiresAt` is `endBy` exactly when it capped it. */
const windowEnded = ({ request }: StoredChange): boolean =>
  request.window?.endBy !== undefined && request.expiresAt === request.window.endBy;

function noteFor(
  change: StoredChange,
  template: ChangeTemplate,
  outcome: ChangeOutcome,
  actor: AuditActor,
  ending: RunEnding | undefined,
): ChangeNote | undefined {
  const { request } = change;
  const by = actor.kind === 'user' ? actor.userId : undefined;
  const levelRef = (index: number) => {
    const name = template.levels[index]?.name;
    return { index, ...(name ? { name } : {}) };
  };
  switch (outcome) {
    case 'vote-recorded': {
      const { level, votes } = votedLevel(change, template, outcome);
      return { kind: 'vote-recorded', by: by ?? '', level, votes: votes.count, required: votes.required };
    }
    case 'level-approved':
      return {
        kind: 'level-approved',
        by: by ?? '',
        satisfied: levelRef(request.level - 1),
        next: levelRef(request.level),
      };
    case 'approved':
      return request.votes.length > 0 && by ? { kind: 'approved', by } : { kind: 'approved' };
    case 'rejected':
      return {
        kind: 'rejected',
        by: request.rejection?.by ?? by ?? '',
        ...(request.rejection?.reason ? { reason: request.rejection.reason } : {}),
      };
    case 'withdrawn':
      return { kind: 'withdrawn', by: by ?? request.requester };
    case 'expired':
      return windowEnded(change) ? { kind: 'expired', windowEnded: true } : { kind: 'expired' };
    case 'scheduled':
      return {
        kind: 'scheduled',
        ...(request.votes.length > 0 && by ? { by } : {}),
        startAt: request.window?.startAt ?? '',
        ...(request.window?.endBy ? { endBy: request.window.endBy } : {}),
      };
    case 'window-opened':
      return { kind: 'window-opened' };
    case 'start-lapsed':
      return { kind: 'start-lapsed', channelId: change.run.channelId };
    case 'held':
      return { kind: 'held', calendars: request.calendar?.calendars ?? [], expiresAt: request.expiresAt };
    case 'released':
      return { kind: 'released' };
    case 'run-ended':
      return { kind: 'run-ended', runId: request.runId ?? '', ...(ending && { ending }) };
    case 'started':
      // The start is announced by proceedWithChange, which knows the run's channel.
      return undefined;
  }
}
