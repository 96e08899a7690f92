// Every Slack Web API method the bot and the worker call, and why: what manifest.yml's bot scopes must cover.

/** Who makes the call: our code (`client.…`, `paginate('…')`), or Bolt on our behalf. */
export type WebApiCaller = 'code' | 'bolt';

/**
 * The methods called with the bot token. test/unit/manifest-scopes.test.ts checks that the code calls exactly
 * these and that the manifest grants the scope each needs (Slack's table: the emulator's method-scopes.ts), so a
 * new call without its scope fails CI rather than answering missing_scope in production. Conversation methods
 * reach public and private channels only: a run lives where the bot posted it, and the app has no DM tab.
 */
export const WEB_API_CALLS: Readonly<Record<string, { caller: WebApiCaller; why: string }>> = {
  'auth.test': {
    caller: 'code',
    why: "Bolt's check of the token as the app starts; /ssm doctor reads the token's scopes off its answer",
  },
  'conversations.info': {
    caller: 'code',
    why: '/ssm doctor: is the bot a member of the configured channels',
  },
  'chat.postMessage': {
    caller: 'code',
    why: 'the outbox: run, reply and change request messages; an answer by DM where an ephemeral is refused',
  },
  'chat.update': { caller: 'code', why: 'the outbox: those messages kept current' },
  'chat.getPermalink': { caller: 'code', why: "the change's last note links to its run's message" },
  'chat.postEphemeral': { caller: 'code', why: 'answers to a button or a modal, seen by the one who acted' },
  'conversations.history': { caller: 'code', why: 'the outbox finds a top-level post a crash hid' },
  'conversations.replies': { caller: 'code', why: 'the outbox finds a thread reply a crash hid' },
  'conversations.members': { caller: 'code', why: "a run's channel members may see it (ChannelMembers)" },
  'files.getUploadURLExternal': {
    caller: 'code',
    why: "the outbox: a run's results files, one upload URL each",
  },
  'files.completeUploadExternal': {
    caller: 'code',
    why: 'the outbox: those files shared in the run’s thread',
  },
  'usergroups.users.list': { caller: 'code', why: 'approver and operator groups (PeopleDirectory)' },
  'views.open': { caller: 'code', why: 'the run modal and the rejection modal' },
  'views.update': { caller: 'code', why: 'the run modal as it loads and as fields change' },
  'views.publish': { caller: 'code', why: "each person's App Home" },
};

/**
 * The bot scopes manifest.yml asks for (test/unit/manifest-scopes.test.ts keeps them equal): what the readiness
 * check expects the token to carry.
 */
export const BOT_SCOPES: readonly string[] = [
  'commands',
  'chat:write',
  'chat:write.public',
  'channels:history',
  'groups:history',
  'channels:read',
  'groups:read',
  'usergroups:read',
  'files:write',
];
