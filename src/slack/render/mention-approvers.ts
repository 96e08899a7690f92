// mentionApprovers: Slack users and user groups as mentions in one phrase, e.g. "<@U1>, <@U2> or <!subteam^S1>".

import type { Approvers } from '../../core/approval/change-event.js';

/** The mentions joined with commas and a final "or"; "nobody" when there is no one. */
export function mentionApprovers(approvers: Approvers): string {
  const mentions = [
    ...(approvers.users ?? []).map((user) => `<@${user}>`),
    ...(approvers.userGroups ?? []).map((group) => `<!subteam^${group}>`),
  ];
  if (mentions.length === 0) return 'nobody';
  if (mentions.length === 1) return mentions[0]!;
  return `${mentions.slice(0, -1).join(', ')} or ${mentions[mentions.length - 1]}`;
}
