// Who is asking, as the policy sees them: the Slack user, their user groups, and the channel.
import type { Subject } from '../core/policy/subject.js';
import type { RunContext } from './run-context.js';

export async function resolveSubject(
  context: Pick<RunContext, 'people'>,
  asker: { userId: string; channelId: string; teamId?: string; userName?: string },
): Promise<Subject> {
  return {
    userId: asker.userId,
    ...(asker.teamId && { teamId: asker.teamId }),
    ...(asker.userName && { userName: asker.userName }),
    channelId: asker.channelId,
    userGroupIds: await context.people.userGroupIds(asker.userId),
  };
}
