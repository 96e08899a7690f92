// What a person is told when the bot cannot reach its store (Redis): nothing was done, nothing will be later.
import { sectionBlock } from './blocks.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

/** The answer to a command or a click while Redis is down: refused, not queued, so it never runs by surprise. */
export function renderStoreUnreachable(): SlackMessage {
  const text =
    ':warning: ssm-chatops cannot reach its store (Redis) right now, so this was *not* done, and it will not ' +
    'be done later.';
  return slackMessage(text, [
    sectionBlock(text),
    sectionBlock(
      "Try again in a minute. If this persists, tell the bot's operators: `/healthz` shows it too.",
    ),
  ]);
}

/** The same, under a modal's field (Slack shows a short plain line there); the modal stays open, as typed. */
export function storeUnreachableFieldError(): string {
  return 'ssm-chatops cannot reach its store right now: nothing was submitted. Try again in a minute.';
}
