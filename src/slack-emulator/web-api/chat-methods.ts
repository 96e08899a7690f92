// chat.*: post, update, delete, ephemeral messages and permalinks, with Slack's argument checks.
import type { JsonObject } from '../state/slack-types.js';
import { channelFor } from './channel-access.js';
import { botAuthor, postedContent, readMessageContent } from './message-content.js';
import { SlackApiError } from './slack-api-error.js';
import type { MethodContext, WebApiMethod } from './web-api-method.js';

function metadataOf({ args }: MethodContext): { metadata?: JsonObject } {
  const metadata = args.json('metadata', 'invalid_metadata_format');
  if (metadata === undefined) return {};
  if (!metadata || typeof metadata !== 'object' || typeof (metadata as JsonObject).event_type !== 'string') {
    throw new SlackApiError('invalid_metadata_format');
  }
  return { metadata: metadata as JsonObject };
}

const postMessage: WebApiMethod = (ctx) => {
  const { state, args } = ctx;
  const channel = channelFor(state, args, 'post', { writes: true });
  if (channel.isReadOnly) throw new SlackApiError('restricted_action_read_only_channel');
  const content = postedContent(readMessageContent(args, state));
  const threadTs = args.string('thread_ts');
  if (threadTs && !state.messages.find(channel.id, threadTs)) throw new SlackApiError('thread_not_found');
  const message = state.messages.post(
    channel.id,
    { ...botAuthor(state.directory), ...content, ...metadataOf(ctx) },
    threadTs,
    threadTs !== undefined && args.bool('reply_broadcast'),
  );
  return { channel: channel.id, ts: message.ts, message };
};

const update: WebApiMethod = (ctx) => {
  const { state, args } = ctx;
  const channel = channelFor(state, args, 'read', { writes: true });
  const ts = args.required('ts', 'message_not_found');
  const existing = state.messages.find(channel.id, ts);
  if (!existing) throw new SlackApiError('message_not_found');
  if (existing.bot_id !== state.directory.bot.botId) throw new SlackApiError('cant_update_message');
  // Slack keeps the previous blocks and attachments unless the update passes them ([] removes them).
  const { text, blocks, attachments } = readMessageContent(args, state);
  const message = state.messages.update(channel.id, ts, {
    text,
    ...(blocks ? { blocks: blocks.length > 0 ? blocks : undefined } : {}),
    ...(attachments ? { attachments: attachments.length > 0 ? attachments : undefined } : {}),
    ...metadataOf(ctx),
    edited: { user: state.directory.bot.userId, ts: state.ids.ts() },
  })!;
  return { channel: channel.id, ts, text: message.text, message };
};

const remove: WebApiMethod = ({ state, args }) => {
  const channel = channelFor(state, args, 'read');
  const ts = args.required('ts', 'message_not_found');
  const existing = state.messages.find(channel.id, ts);
  if (!existing) throw new SlackApiError('message_not_found');
  if (existing.bot_id !== state.directory.bot.botId) throw new SlackApiError('cant_delete_message');
  state.messages.delete(channel.id, ts);
  return { channel: channel.id, ts };
};

const postEphemeral: WebApiMethod = ({ state, args }) => {
  const channel = channelFor(state, args, 'member', { writes: true });
  const userId = args.required('user', 'user_not_found');
  if (!state.directory.user(userId)) throw new SlackApiError('user_not_found');
  if (!channel.members.has(userId)) throw new SlackApiError('user_not_in_channel');
  const content = postedContent(readMessageContent(args, state));
  const threadTs = args.string('thread_ts');
  const message = state.messages.postEphemeral({
    channel: channel.id,
    user: userId,
    ...content,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    bot_id: state.directory.bot.botId,
    source: 'chat.postEphemeral',
  });
  return { message_ts: message.ts };
};

const getPermalink: WebApiMethod = ({ state, args, baseUrl }) => {
  const channel = channelFor(state, args, 'read');
  const ts = args.required('message_ts', 'message_not_found');
  const message = state.messages.find(channel.id, ts);
  if (!message) throw new SlackApiError('message_not_found');
  const threadQuery =
    message.thread_ts && message.thread_ts !== ts ? `?thread_ts=${message.thread_ts}&cid=${channel.id}` : '';
  return {
    channel: channel.id,
    permalink: `${baseUrl}/archives/${channel.id}/p${ts.replace('.', '')}${threadQuery}`,
  };
};

export const CHAT_METHODS: Record<string, WebApiMethod> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.delete': remove,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
};
