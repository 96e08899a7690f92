// Who is asking: the Slack user, the user groups they belong to, and the channel the command came from.
import type { PolicyWhen } from './policy-schema.js';

export interface Subject {
  userId: string;
  /** The workspace and the name Slack sent with the request: the audit trail records them. */
  teamId?: string;
  userName?: string;
  /** The Slack user groups the user belongs to, as the adapter read them. */
  userGroupIds: string[];
  /** Where the command was typed (or the modal was opened from). */
  channelId: string;
}

/**
 * Whether a rule's `when` holds for the subject. No `when` means everyone. Within a key any value may match
 * (one of the users, a member of one of the groups); every key that is given must match.
 */
export function subjectMatches(when: PolicyWhen | undefined, subject: Subject): boolean {
  if (!when) return true;
  if (when.users && !when.users.includes(subject.userId)) return false;
  if (when.userGroups && !when.userGroups.some((group) => subject.userGroupIds.includes(group))) return false;
  if (when.channels && !when.channels.includes(subject.channelId)) return false;
  return true;
}
