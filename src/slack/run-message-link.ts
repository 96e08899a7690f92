// Where a run's message is in Slack, as a link other messages can carry: the change's thread ends with one.
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { logSlackFault } from './log-slack-fault.js';
import type { OutboxRecord } from './outbox/outbox-record.js';
import { RunMessageKey } from './slack-run-notifier.js';

/** The permalink of the run's message, or undefined when it has none yet or Slack will not say. */
export type RunMessageLink = (runId: string) => Promise<string | undefined>;

/**
 * Reads the ts the outbox recorded for the run's message and asks Slack for its permalink (chat.getPermalink
 * needs no scope). A link is a courtesy: a failure leaves the sentence without it rather than failing the flow.
 */
export function runMessageLink(
  outbox: { load(key: string): Promise<OutboxRecord | undefined> },
  client: Pick<WebClient, 'chat'>,
  logger: Logger,
): RunMessageLink {
  return async (runId) => {
    const record = await outbox.load(RunMessageKey.parent({ id: runId }));
    if (!record?.ts) return undefined;
    try {
      const answer = await client.chat.getPermalink({ channel: record.channel, message_ts: record.ts });
      return answer.permalink;
    } catch (error) {
      logSlackFault(logger, error, { runId }, 'could not link to the run message');
      return undefined;
    }
  };
}
