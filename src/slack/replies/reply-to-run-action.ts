// The ephemeral answer to Retry failed / Run again: what `/ssm run` would have said, or why nothing was asked.
import type { ActOnRunResult } from '../../use-cases/act-on-run.js';
import { contextBlock, sectionBlock } from '../render/blocks.js';
import { inlineCode } from '../render/escape-mrkdwn.js';
import { type SlackMessage, slackMessage } from '../render/slack-message.js';
import { replyToRunRequest } from './reply-to-run-request.js';

export function replyToRunAction(result: ActOnRunResult): SlackMessage {
  switch (result.kind) {
    case 'not-found': {
      const text = `There is no run ${inlineCode(result.id)}.`;
      return slackMessage(text, [
        sectionBlock(`:mag: ${text}`),
        contextBlock(`${inlineCode('/ssm history')} lists recent runs and their ids.`),
      ]);
    }
    case 'nothing-to-retry': {
      const text = `:white_check_mark: Every target of ${inlineCode(result.run.id)} that has ended succeeded: there is nothing to retry.`;
      return slackMessage(text, [sectionBlock(text)]);
    }
    case 'requested':
      return replyToRunRequest(result.result);
  }
}
