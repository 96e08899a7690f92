// Finding the channel a call names, with the errors Slack gives a bot that cannot see or is not in it.
import type { EmulatorState } from '../state/emulator-state.js';
import type { Channel } from '../state/workspace-directory.js';
import type { ApiArgs } from './api-args.js';
import { POST_WITHOUT_JOINING } from './method-scopes.js';
import { SlackApiError } from './slack-api-error.js';

/**
 * A channel the bot cannot see (unknown, or private without the bot) is channel_not_found, as Slack hides it.
 * `membership: 'read'` lets the bot read public channels it is not in (conversations.info, .members);
 * `'member'` also requires membership (history, replies, ephemerals), answering not_in_channel as Slack does;
 * `'post'` (chat.postMessage) requires it too, except in a public channel when chat:write.public is granted.
 * `writes` names a call that adds or changes a message: an archived channel answers it is_archived, before any
 * membership check, as Slack does.
 */
export function channelFor(
  state: EmulatorState,
  args: ApiArgs,
  membership: 'read' | 'member' | 'post',
  options: { name?: string; writes?: boolean } = {},
): Channel {
  return channelById(
    state,
    args.required(options.name ?? 'channel', 'channel_not_found'),
    membership,
    options,
  );
}

/** As channelFor, for an id the caller has read (files.completeUploadExternal's comma-separated `channels`). */
export function channelById(
  state: EmulatorState,
  id: string,
  membership: 'read' | 'member' | 'post',
  options: { writes?: boolean } = {},
): Channel {
  const channel = state.directory.resolveChannel(id);
  if (!channel || !state.directory.botCanSee(channel)) throw new SlackApiError('channel_not_found');
  if (options.writes && channel.isArchived) throw new SlackApiError('is_archived');
  if (membership === 'read' || channel.members.has(state.directory.bot.userId)) return channel;
  const postsWithoutJoining =
    membership === 'post' &&
    !channel.isPrivate &&
    !channel.isIm &&
    state.grantedScopes.includes(POST_WITHOUT_JOINING);
  if (!postsWithoutJoining) throw new SlackApiError('not_in_channel');
  return channel;
}
