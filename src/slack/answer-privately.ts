// An answer only the person who acted sees: an ephemeral where they acted, or a DM when Slack will not show one
// there (they are not in that channel, or the bot is not).
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import { expectedSlackRefusal } from './outbox/classify-slack-failure.js';
import { renderDirectAnswer } from './render/render-direct-answer.js';
import type { SlackMessage } from './render/slack-message.js';

/**
 * chat.postEphemeral's answers that say the channel cannot show this person an ephemeral: someone who clicks in a
 * public channel they never joined (`user_not_in_channel`), a channel the bot left or cannot see.
 */
const EPHEMERAL_REFUSED_THERE = new Set(['user_not_in_channel', 'not_in_channel', 'channel_not_found']);

/**
 * Returns a function that answers `user` about what they did in `channel`. A DM goes to the user id, which
 * chat.postMessage opens as the app's conversation with them (chat:write covers it; no im:write is needed).
 * Anything else Slack answers is thrown, for the caller's fault handling.
 */
export function answerPrivately(
  client: App['client'],
  logger: Logger,
  where: { channel: string; user: string },
): (message: SlackMessage) => Promise<void> {
  const { channel, user } = where;
  return async (message) => {
    try {
      await client.chat.postEphemeral({ channel, user, ...message });
    } catch (error) {
      const refusal = expectedSlackRefusal(error)?.error;
      if (!refusal || !EPHEMERAL_REFUSED_THERE.has(refusal)) throw error;
      logger.info({ channel, user, error: refusal }, 'answered in a DM: Slack refused the ephemeral');
      await client.chat.postMessage({ channel: user, ...renderDirectAnswer(channel, message) });
    }
  };
}
