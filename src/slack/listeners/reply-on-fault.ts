// Work done after the ack: a fault is logged with a reference and the person is told, never left waiting.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { logSlackFault } from '../log-slack-fault.js';
import { expectedSlackRefusal } from '../outbox/classify-slack-failure.js';
import { type SlackMessage, sectionMessage } from '../render/slack-message.js';

export async function replyOnFault(
  logger: Logger,
  reply: (message: SlackMessage) => Promise<unknown>,
  work: () => Promise<void>,
  what: Record<string, unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const reference = randomBytes(4).toString('hex');
    logSlackFault(logger, error, { ...what, reference }, 'a Slack request failed after its ack');
    const text = `:boom: Something went wrong on our side (reference \`${reference}\`). The bot's log has the details.`;
    await reply(sectionMessage(text)).catch((replyError) => {
      // Slack refusing the reply too (a person outside the channel) is the same story the line above told.
      const refusal = expectedSlackRefusal(replyError);
      if (refusal)
        logger.debug({ reference, ...refusal }, 'could not tell the person about the failure either');
      else logger.error({ err: replyError, reference }, 'could not tell the person about the failure either');
    });
  }
}
