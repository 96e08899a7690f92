// Slack's documented rate-limit tier of each Web API method the emulator serves.

export interface Rate {
  /** Sustained calls per minute: the bucket refills at this pace. */
  perMinute: number;
  /** Calls allowed at once from a full bucket: Slack tolerates short bursts. */
  burst: number;
}

export const TIERS = {
  tier1: { perMinute: 1, burst: 1 },
  tier2: { perMinute: 20, burst: 20 },
  tier3: { perMinute: 50, burst: 50 },
  tier4: { perMinute: 100, burst: 100 },
} as const satisfies Record<string, Rate>;

/** chat.postMessage is "special": about one message per second per channel, with a short burst. */
export const POST_MESSAGE_PER_CHANNEL: Rate = { perMinute: 60, burst: 5 };

export const METHOD_RATES: Record<string, Rate> = {
  // auth.test is "special" (hundreds per minute): Tier 4 with a bigger burst.
  'auth.test': { perMinute: 100, burst: 200 },
  // apps.connections.open is Tier 1; an app may hold up to 10 connections, so it may open them at once.
  'apps.connections.open': { perMinute: 1, burst: 10 },
  'chat.update': TIERS.tier3,
  'chat.delete': TIERS.tier3,
  'chat.postEphemeral': TIERS.tier4,
  'chat.getPermalink': TIERS.tier4,
  'views.open': TIERS.tier4,
  'views.update': TIERS.tier4,
  'views.push': TIERS.tier4,
  'views.publish': TIERS.tier4,
  'users.info': TIERS.tier4,
  'users.list': TIERS.tier2,
  'usergroups.list': TIERS.tier2,
  'usergroups.users.list': TIERS.tier2,
  'conversations.info': TIERS.tier3,
  'conversations.history': TIERS.tier3,
  'conversations.replies': TIERS.tier3,
  'conversations.members': TIERS.tier4,
  'files.getUploadURLExternal': TIERS.tier4,
  'files.completeUploadExternal': TIERS.tier4,
};
