// The bot-token scope each Web API method needs, from Slack's method reference (docs.slack.dev/reference/methods):
// a method that reads a conversation needs the scope of that conversation's type.
import type { Channel } from '../state/workspace-directory.js';

/** Slack's four conversation types, each with its own family of scopes. */
export type ConversationType = 'public' | 'private' | 'im' | 'mpim';

/** One scope; or one per conversation type (named by the call's `channel`); or none (views.*, auth.test). */
export type ScopeRule =
  | { kind: 'none' }
  | { kind: 'scope'; scope: string }
  | { kind: 'by-conversation'; scopes: Readonly<Record<ConversationType, string>> };

const none: ScopeRule = { kind: 'none' };
const scope = (name: string): ScopeRule => ({ kind: 'scope', scope: name });
const byConversation = (verb: 'read' | 'history'): ScopeRule => ({
  kind: 'by-conversation',
  scopes: { public: `channels:${verb}`, private: `groups:${verb}`, im: `im:${verb}`, mpim: `mpim:${verb}` },
});

/**
 * Every bot-token method the emulator serves (a contract test fails on one missing here). chat.getPermalink,
 * views.* and auth.test need no scope; chat:write covers chat.delete and chat.postEphemeral too; files:write covers
 * both steps of an external upload (the upload URL itself takes no token).
 */
export const METHOD_SCOPES: Readonly<Record<string, ScopeRule>> = {
  'auth.test': none,
  'chat.postMessage': scope('chat:write'),
  'chat.update': scope('chat:write'),
  'chat.delete': scope('chat:write'),
  'chat.postEphemeral': scope('chat:write'),
  'chat.getPermalink': none,
  'conversations.info': byConversation('read'),
  'conversations.members': byConversation('read'),
  'conversations.history': byConversation('history'),
  'conversations.replies': byConversation('history'),
  'files.getUploadURLExternal': scope('files:write'),
  'files.completeUploadExternal': scope('files:write'),
  'users.info': scope('users:read'),
  'users.list': scope('users:read'),
  'usergroups.list': scope('usergroups:read'),
  'usergroups.users.list': scope('usergroups:read'),
  'views.open': none,
  'views.push': none,
  'views.update': none,
  'views.publish': none,
};

/**
 * Posting in a public channel the bot has not joined (chat.postMessage): Slack allows it with this scope beside
 * chat:write. It never opens a private channel or a DM the bot is not in.
 */
export const POST_WITHOUT_JOINING = 'chat:write.public';

export function conversationTypeOf(channel: Pick<Channel, 'isPrivate' | 'isIm'>): ConversationType {
  if (channel.isIm) return 'im';
  return channel.isPrivate ? 'private' : 'public';
}

/**
 * The scope this call needs, or undefined when it needs none. A conversation method whose channel the bot
 * cannot see (unknown, or private without the bot) needs none here: the method answers channel_not_found.
 */
export function scopeNeeded(rule: ScopeRule, conversation: ConversationType | undefined): string | undefined {
  if (rule.kind === 'none') return undefined;
  if (rule.kind === 'scope') return rule.scope;
  return conversation ? rule.scopes[conversation] : undefined;
}
