// The last state of a parent message whose run never started: its start was cut short before it was recorded.
import type { Run } from '../../core/run/run.js';
import { contextBlock, sectionBlock } from './blocks.js';
import { escapeMrkdwn, inlineCode, mention } from './escape-mrkdwn.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

export function renderRunNotStarted(run: Pick<Run, 'id' | 'runbook' | 'requester'>): SlackMessage {
  const text = `:warning: Run ${inlineCode(run.id)} of *${escapeMrkdwn(run.runbook.name)}* did not start.`;
  return slackMessage(text, [
    sectionBlock(text),
    contextBlock(
      `The bot stopped before it recorded the run, so nothing ran in AWS. ${mention(run.requester.userId)}, ask again to run it.`,
    ),
  ]);
}
