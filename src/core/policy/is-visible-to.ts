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
 * Whether `subject` may see what `audience` describes: its requester, an operator, one of its approvers, or
 * anyone asking from a channel it is shown in (its messages are there for every member to read anyway).
 * Membership of that channel, asked from elsewhere, is not looked up (conversations.members): out of scope.
 */
export function isVisibleTo(subject: Subject, operators: Operators, audience: Audience): boolean {
  return (
    subject.userId === audience.requester ||
    isOperator(operators, subject) ||
    audience.channels.includes(subject.channelId) ||
    audience.approvers.users.includes(subject.userId) ||
    audience.approvers.userGroups.some((group) => subject.userGroupIds.includes(group))
  );
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
