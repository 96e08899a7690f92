// eligibleApprovers: who may still approve a change now, for the line of the message that mentions them.
import type { ChangeRequest } from './change-request.js';
import type { ChangeTemplate } from './change-template-schema.js';

/**
 * The approvers of the level being asked, without the people whose vote would be refused: those who
 * already voted on the change (one person, one vote) and, unless the template allows it, the requester.
 * Groups are returned whole; their members are checked when they click. Empty unless the request is pending.
 */
export function eligibleApprovers(
  template: ChangeTemplate,
  request: ChangeRequest,
): { users: string[]; userGroups: string[] } {
  const level = template.levels[request.level];
  if (request.status !== 'pending' || !level) return { users: [], userGroups: [] };
  const voted = new Set(request.votes.map((vote) => vote.userId));
  const users = (level.approvers.users ?? []).filter(
    (user) => !voted.has(user) && (template.allowSelfApproval || user !== request.requester),
  );
  return { users, userGroups: [...(level.approvers.userGroups ?? [])] };
}
