// The pace the outbox keeps per Web API method: a little under Slack's published tiers, so Slack never has to
// answer 429 when the outbox is the only caller.

export type OutboxMethod =
  | 'chat.postMessage'
  | 'chat.update'
  | 'chat.postEphemeral'
  | 'conversations.history'
  | 'conversations.replies'
  /** A file share: two files.getUploadURLExternal, the uploads, one files.completeUploadExternal. */
  | 'files.completeUploadExternal';

export interface MethodRate {
  /** `channel`: one bucket per channel (chat.postMessage's special limit); `workspace`: one for the app. */
  scope: 'channel' | 'workspace';
  /** Sustained calls per minute. */
  perMinute: number;
  /** Calls allowed back to back from an idle bucket. */
  burst: number;
  /**
   * Part of the pace kept for top-level messages (a run's message, failure threads), so hundreds of thread replies
   * being edited never hold back the message people look at first. Absent: one bucket for all.
   */
  topLevel?: { perMinute: number; burst: number };
  /**
   * Draws on another method's bucket (its pace, and its channel's queue) while keeping its own Retry-After block:
   * a file share is a message in the channel, so it waits its turn among the channel's posts.
   */
  pacedAs?: OutboxMethod;
}

/** Which share of a method's pace a message draws on. */
export type Lane = 'top' | 'thread';

/** The rate of `method` in `lane`: the top-level share, or what is left of the whole for thread replies. */
export function laneRate(rate: MethodRate, lane: Lane): MethodRate {
  if (!rate.topLevel) return rate;
  return lane === 'top'
    ? { ...rate, ...rate.topLevel }
    : {
        ...rate,
        perMinute: rate.perMinute - rate.topLevel.perMinute,
        burst: Math.max(1, rate.burst - rate.topLevel.burst),
      };
}

export const METHOD_RATES: Record<OutboxMethod, MethodRate> = {
  // "1 message per second per channel, short bursts allowed": Slack's special limit for chat.postMessage.
  'chat.postMessage': { scope: 'channel', perMinute: 60, burst: 3 },
  // Tier 3 (50+ per minute).
  'chat.update': { scope: 'workspace', perMinute: 50, burst: 10, topLevel: { perMinute: 15, burst: 4 } },
  // Tier 4 (100+ per minute); no outbox message is ephemeral yet, the pace is here for when one is.
  'chat.postEphemeral': { scope: 'workspace', perMinute: 100, burst: 10 },
  // Tier 3; only read when a crashed post is looked for.
  'conversations.history': { scope: 'workspace', perMinute: 50, burst: 5 },
  'conversations.replies': { scope: 'workspace', perMinute: 50, burst: 5 },
  // A share posts a message in the channel: it takes its turn among the channel's posts, so a run's results come
  // after the replies queued before them. Its methods are Tier 4 (100+ per minute), far above that pace.
  'files.completeUploadExternal': { scope: 'channel', perMinute: 60, burst: 3, pacedAs: 'chat.postMessage' },
};

/** Milliseconds between two calls at the sustained pace. */
export const intervalMs = (rate: MethodRate) => Math.ceil(60_000 / rate.perMinute);
