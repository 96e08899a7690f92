// Which runs and changes someone may see: the rule (isVisibleTo) with the channel memberships it needs looked up.
import { type Audience, isVisibleTo, membershipToCheck } from '../core/policy/is-visible-to.js';
import type { Subject } from '../core/policy/subject.js';
import type { RunContext } from './run-context.js';

/** Slack lookups at a time: each channel's member list is read once and cached by the adapter. */
const LOOKUPS_AT_ONCE = 4;

/**
 * For each of `audiences`, whether `subject` may see it. Membership is asked of Slack only for the channels that
 * decide it (`membershipToCheck`): none for an operator, the requester or someone asking from the channel itself.
 */
export async function visibleTo(
  context: Pick<RunContext, 'operators' | 'channelMembers'>,
  subject: Subject,
  audiences: readonly Audience[],
): Promise<boolean[]> {
  const toCheck = membershipToCheck(subject, context.operators, audiences);
  const memberOf = new Set<string>();
  for (let start = 0; start < toCheck.length; start += LOOKUPS_AT_ONCE) {
    const batch = toCheck.slice(start, start + LOOKUPS_AT_ONCE);
    const answers = await Promise.all(
      batch.map((channel) => context.channelMembers.isMember(channel, subject.userId)),
    );
    for (const [index, channel] of batch.entries()) if (answers[index]) memberOf.add(channel);
  }
  return audiences.map((audience) => isVisibleTo(subject, context.operators, audience, memberOf));
}
