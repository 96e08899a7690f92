// Finding the channel a call names, with the errors Slack gives a bot that cannot see or is not in it.
import type { EmulatorState } from '../state/emulator-state.js';
import type { Channel } from '../state/workspace-directory.js';
import type { ApiArgs } from './api-args.js';
import { SlackApiError } from './slack-api-error.js';

/**
 * `membership: 'read'` lets the bot read public channels it is not in (conversations.info);
 * `'member'` also requires membership (posting, history), answering not_in_channel as Slack does.
 */
export function channelFor(
  state: EmulatorState,
  args: ApiArgs,
  membership: 'read' | 'member',
  name = 'channel',
): Channel {
  const id = args.required(name, 'channel_not_found');
  const channel = state.directory.resolveChannel(id);
  if (!channel || !state.directory.botCanSee(channel)) throw new SlackApiError('channel_not_found');
  if (membership === 'member' && !channel.members.has(state.directory.bot.userId)) {
    throw new SlackApiError('not_in_channel');
  }
  return channel;
}
