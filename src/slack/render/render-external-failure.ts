// The failure thread for an execution the bot did not start: what failed where, who started it, and why.
import type { KnownBlock } from '@slack/types';
import type { ExternalFailure } from '../../core/events/external-failure.js';
import { BlockKitLimit, truncate } from './block-kit-limits.js';
import { contextBlock, fieldsBlock, sectionBlock } from './blocks.js';
import { accountLabel, executionLink } from './child-line.js';
import { codeBlock, escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { childStatusLabel } from './run-status-cue.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

const FAILURE_LENGTH = 1500;

export function renderExternalFailure(failure: ExternalFailure): SlackMessage {
  const account = accountLabel({ id: failure.accountId, name: failure.accountName ?? failure.accountId });
  const status = childStatusLabel(failure.status).toLowerCase();
  const failedStep = failure.steps?.find((step) => step.status === 'Failed' || step.status === 'TimedOut');
  const message = failedStep?.failureMessage ?? failure.failureMessage;
  const blocks: KnownBlock[] = [
    sectionBlock(
      `:rotating_light: ${inlineCode(failure.runbook)} *${status}* in ${account} · ${inlineCode(failure.region)}\n` +
        `Execution ${executionLink(failure.executionId, failure.region)}`,
    ),
    fieldsBlock([
      `*Started by*\n${failure.executedBy ? inlineCode(failure.executedBy) : '_unknown_'}`,
      `*Failed step*\n${failedStep ? `${inlineCode(failedStep.name)} ${escapeMrkdwn(failedStep.action)}` : '_unknown_'}`,
      ...(failure.parentExecutionId ? [`*Parent execution*\n${inlineCode(failure.parentExecutionId)}`] : []),
    ]),
    ...(message
      ? [sectionBlock(codeBlock(truncate(message, Math.min(FAILURE_LENGTH, BlockKitLimit.sectionText - 10))))]
      : []),
    contextBlock(
      failure.steps
        ? 'Not started from Slack: reported by EventBridge, details read from the member account.'
        : 'Not started from Slack: reported by EventBridge. The member account refused the read role, so the steps are not shown.',
    ),
  ];
  return slackMessage(
    `${failure.runbook} ${status} in ${failure.accountName ?? failure.accountId} (${failure.accountId}) ${failure.region}`,
    blocks,
  );
}
