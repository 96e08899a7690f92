// How a failed Slack call is logged: an expected refusal once at warn, as fields; anything else at error, with
// its stack.
import type { Logger } from 'pino';
import { expectedSlackRefusal } from './outbox/classify-slack-failure.js';

/**
 * Logs `error` with `fields`. Slack's expected refusals (`user_not_in_channel`, `not_in_channel`,
 * `channel_not_found`, `is_archived`, `message_not_found`, `cant_update_message`, `restricted_action…`,
 * `missing_scope`, a 429) are logged at warn with Slack's code as `error` and no `err`: they say what the
 * workspace or the deployment must change, not where the bot broke.
 */
export function logSlackFault(
  logger: Logger,
  error: unknown,
  fields: Record<string, unknown>,
  message: string,
): void {
  const refusal = expectedSlackRefusal(error);
  if (refusal) logger.warn({ ...fields, ...refusal }, `${message}: Slack refused`);
  else logger.error({ ...fields, err: error }, message);
}
