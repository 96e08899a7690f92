// Who may see a run or a change in `/ssm status` and `/ssm history`: the people and channels it concerns.
import type { ChangeTemplate } from '../approval/change-template-schema.js';
import type { StoredChange } from '../approval/stored-change.js';
import type { Run } from '../run/run.js';
import { isOperator, type Operators } from './is-operator.js';
import type { Subject } from './subject.js';

/** The people and places a run or a change concerns. */
export interface Audience {
  /** Slack user id of the person who asked for it. */
  requester: string;
  /** Where it is shown already: where it was asked for and, for a change, its approvals channel. */
  channels: readonly string[];
  /** Who may approve it (every level of its templates), and who voted on or rejected it. */
  approvers: { users: readonly string[]; userGroups: readonly string[] };
}

/**
 * Whether `subject` may see what `audience` describes: its requester, an operator, one of its approvers, or a
 * member of a channel it is shown in (its messages are there for every member to read anyway). Asking from
 * that channel makes one a member; `memberOf` holds the other channels Slack says the subject is in (the
 * caller looks up only those of `audience.channels` that matter, see `membershipToCheck`).
 */
export function isVisibleTo(
  subject: Subject,
  operators: Operators,
  audience: Audience,
  memberOf: ReadonlySet<string> = NO_CHANNELS,
): boolean {
  return (
    subject.userId === audience.requester ||
    isOperator(operators, subject) ||
    audience.channels.some((channel) => channel === subject.channelId || memberOf.has(channel)) ||
    audience.approvers.users.includes(subject.userId) ||
    audience.approvers.userGroups.some((group) => subject.userGroupIds.includes(group))
  );
}

const NO_CHANNELS: ReadonlySet<string> = new Set();

/**
 * The channels whose membership alone would decide whether `subject` sees what `audiences` describe: those
 * of the audiences the subject does not see without it, the channel they ask from aside. Empty for an
 * operator, so nobody's membership is looked up for nothing.
 */
export function membershipToCheck(
  subject: Subject,
  operators: Operators,
  audiences: readonly Audience[],
): string[] {
  const channels = audiences
    .filter((audience) => !isVisibleTo(subject, operators, audience))
    .flatMap((audience) => audience.channels);
  return [...new Set(channels)];
}

/** A run's audience; `templates` are the configured ones, of which those that approved the run count. */
export function audienceOfRun(
  run: Pick<Run, 'requester' | 'channelId' | 'approval'>,
  templates: readonly ChangeTemplate[],
): Audience {
  const governing = templates.filter((template) => run.approval?.templates.includes(template.name));
  return {
    requester: run.requester.userId,
    channels: [run.channelId],
    approvers: approversOf(governing, []),
  };
}

/** A change's audience; `template` is undefined when the one it was raised under is no longer configured. */
export function audienceOfChange(change: StoredChange, template: ChangeTemplate | undefined): Audience {
  const { request } = change;
  const decided = [
    ...request.votes.map((vote) => vote.userId),
    ...(request.rejection ? [request.rejection.by] : []),
  ];
  return {
    requester: request.requester,
    channels: [change.run.channelId, change.slack.approvalsChannel],
    approvers: approversOf(template ? [template] : [], decided),
  };
}

function approversOf(
  templates: readonly ChangeTemplate[],
  decided: readonly string[],
): Audience['approvers'] {
  const levels = templates.flatMap((template) => template.levels);
  return {
    users: [...decided, ...levels.flatMap((level) => level.approvers.users ?? [])],
    userGroups: levels.flatMap((level) => level.approvers.userGroups ?? []),
  };
}
