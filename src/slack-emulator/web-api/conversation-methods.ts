// conversations.*: channel info, history (newest first), thread replies and members.
import type { EmulatorState } from '../state/emulator-state.js';
import { compareTs } from '../state/message-store.js';
import type { SlackMessage } from '../state/slack-types.js';
import type { Channel } from '../state/workspace-directory.js';
import type { ApiArgs } from './api-args.js';
import { channelFor } from './channel-access.js';
import { paginate } from './paginate.js';
import { SlackApiError } from './slack-api-error.js';
import type { WebApiMethod } from './web-api-method.js';

function channelObject(state: EmulatorState, channel: Channel) {
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.isPrivate && !channel.isIm,
    is_group: channel.isPrivate && !channel.isIm,
    is_im: channel.isIm,
    is_private: channel.isPrivate,
    is_archived: channel.isArchived,
    is_general: channel.name === 'general',
    is_member: channel.members.has(state.directory.bot.userId),
    created: channel.created,
    context_team_id: state.directory.team.id,
    topic: { value: channel.topic, creator: '', last_set: 0 },
    purpose: { value: channel.purpose, creator: '', last_set: 0 },
    ...(channel.isIm
      ? { user: [...channel.members].find((member) => member !== state.directory.bot.userId) }
      : {}),
    num_members: channel.members.size,
  };
}

/** Keeps messages inside `oldest`..`latest` (exclusive unless `inclusive`), as history and replies filter. */
function within(messages: SlackMessage[], args: ApiArgs): SlackMessage[] {
  const oldest = args.string('oldest');
  const latest = args.string('latest');
  const inclusive = args.bool('inclusive');
  return messages.filter((message) => {
    if (oldest) {
      const order = compareTs(message.ts, oldest);
      if (order < 0 || (order === 0 && !inclusive)) return false;
    }
    if (latest) {
      const order = compareTs(message.ts, latest);
      if (order > 0 || (order === 0 && !inclusive)) return false;
    }
    return true;
  });
}

/** Slack returns message metadata only to a caller that asks for it with `include_all_metadata`. */
function withMetadataIfAsked(messages: SlackMessage[], args: ApiArgs): SlackMessage[] {
  if (args.bool('include_all_metadata')) return messages;
  return messages.map(({ metadata: _metadata, ...message }) => message);
}

export const CONVERSATION_METHODS: Record<string, WebApiMethod> = {
  'conversations.info': ({ state, args }) => ({
    channel: channelObject(state, channelFor(state, args, 'read')),
  }),
  'conversations.history': ({ state, args }) => {
    const channel = channelFor(state, args, 'member');
    const messages = within(state.messages.history(channel.id), args).reverse();
    const { page, hasMore, responseMetadata } = paginate(messages, args, 100, 999);
    return {
      messages: withMetadataIfAsked(page, args),
      has_more: hasMore,
      pin_count: 0,
      response_metadata: responseMetadata,
    };
  },
  'conversations.replies': ({ state, args }) => {
    const channel = channelFor(state, args, 'member');
    const ts = args.required('ts', 'thread_not_found');
    const target = state.messages.find(channel.id, ts);
    if (!target) throw new SlackApiError('thread_not_found');
    const threadTs = target.thread_ts ?? target.ts;
    const { page, hasMore, responseMetadata } = paginate(
      within(state.messages.thread(channel.id, threadTs), args),
      args,
      1000,
    );
    return {
      messages: withMetadataIfAsked(page, args),
      has_more: hasMore,
      response_metadata: responseMetadata,
    };
  },
  'conversations.members': ({ state, args }) => {
    const channel = channelFor(state, args, 'read');
    const { page, responseMetadata } = paginate([...channel.members], args, 100);
    return { members: page, response_metadata: responseMetadata };
  },
};
