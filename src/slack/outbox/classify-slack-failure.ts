// What a failed Web API call means: for a message, wait out a 429, post again, give up, or retry later; for a
// log, whether it is one of Slack's expected refusals (a warning) or a fault (an error with its stack).
import { ErrorCode } from '@slack/web-api';

export type SlackFailure =
  /** HTTP 429: nobody calls the method before Retry-After has passed. */
  | { kind: 'rate-limited'; retryAfterMs: number }
  /** chat.update on a message Slack no longer has (deleted): post it anew. */
  | { kind: 'message-gone' }
  /** Slack will not take this message as it is: give up on this version. */
  | { kind: 'refused'; error: string }
  /** Transport faults, 5xx, Slack's own trouble: retry with backoff. */
  | { kind: 'fault'; summary: string };

/**
 * Errors that no retry of the same call can fix: the channel, the membership, or the content is wrong.
 * Token and scope errors are not here: they are the deployment's to fix, and the messages must wait for it.
 */
const REFUSALS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'thread_not_found',
  'cant_update_message',
  'edit_window_closed',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_attachments',
  'too_many_attachments',
  'msg_too_long',
  'no_text',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  // A file share (files.getUploadURLExternal, files.completeUploadExternal) the workspace will not take.
  'file_uploads_disabled',
  'file_uploads_except_images_disabled',
  'file_upload_size_restricted',
  'file_type_not_allowed',
  'storage_limit_reached',
  'posting_to_channel_denied',
]);

/** Slack's default when a 429 carries no usable Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 1_000;

type CodedSlackError = { code?: unknown; retryAfter?: unknown; data?: { error?: unknown } } | null;

export function classifySlackFailure(error: unknown): SlackFailure {
  const coded = error as CodedSlackError;
  if (coded?.code === ErrorCode.RateLimitedError) {
    const seconds = Number(coded.retryAfter);
    return {
      kind: 'rate-limited',
      retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS,
    };
  }
  const slackError = platformErrorOf(coded);
  if (slackError) {
    if (slackError === 'message_not_found') return { kind: 'message-gone' };
    if (REFUSALS.has(slackError)) return { kind: 'refused', error: slackError };
    return { kind: 'fault', summary: `Slack answered ${slackError}` };
  }
  return { kind: 'fault', summary: summarize(error) };
}

/** Slack's answers that say the bot cannot post in the channel at all: asking again will not help. */
const CHANNEL_UNAVAILABLE = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);

export function isChannelUnavailable(slackError: string): boolean {
  return CHANNEL_UNAVAILABLE.has(slackError);
}

/**
 * Refusals that the workspace or the deployment explains, not a bug of the bot: a person outside the channel,
 * a channel the bot is not in, archived or gone, a message someone deleted or the bot did not write, a channel
 * whose posting the workspace restricts, a scope the app was not granted.
 */
const EXPECTED_REFUSALS = new Set([
  ...CHANNEL_UNAVAILABLE,
  'user_not_in_channel',
  'message_not_found',
  'cant_update_message',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'missing_scope',
]);

/** An expected refusal as log fields: Slack's error code (`ratelimited` for a 429), and how long to wait. */
export interface ExpectedSlackRefusal {
  error: string;
  retryAfterMs?: number;
}

/**
 * The expected refusal (or 429) `error` is, or undefined for a fault. Expected refusals are logged once, at
 * warn, as fields without a stack; a stack says the bot is broken, and these are not the bot's to mend.
 */
export function expectedSlackRefusal(error: unknown): ExpectedSlackRefusal | undefined {
  const failure = classifySlackFailure(error);
  if (failure.kind === 'rate-limited') return { error: 'ratelimited', retryAfterMs: failure.retryAfterMs };
  const slackError = platformErrorOf(error as CodedSlackError);
  return slackError && EXPECTED_REFUSALS.has(slackError) ? { error: slackError } : undefined;
}

/** Slack's own error code of an `{ ok: false }` answer (e.g. `user_not_in_channel`). */
function platformErrorOf(coded: CodedSlackError): string | undefined {
  return coded?.code === ErrorCode.PlatformError && typeof coded.data?.error === 'string'
    ? coded.data.error
    : undefined;
}

/** A one-line description that never carries request details (the WebClient's errors can hold headers). */
function summarize(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
