// The notice posted in a run's thread (and broadcast to the channel) when one of its executions fails.
import type { ChildExecution, Run } from '../../core/run/run.js';
import { BlockId } from '../ids.js';
import { BlockKitLimit, truncate } from './block-kit-limits.js';
import { actionsBlock, contextBlock, sectionBlock } from './blocks.js';
import { accountLabel, executionLink, plainAccountLabel } from './child-line.js';
import { codeBlock, escapeMrkdwn, inlineCode, mention } from './escape-mrkdwn.js';
import { childStatusLabel } from './run-status-cue.js';
import { retryFailedButton } from './run-thread-buttons.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

const FAILURE_LENGTH = 1500;

/** `:rotating_light: <@requester> AWS-RestartEC2Instance failed in payments-prod …`, the failing step and message,
 * and Retry failed (as whoever clicks). */
export function renderFailureNotice(run: Run, child: ChildExecution): SlackMessage {
  const account = accountLabel({ id: child.accountId, name: child.accountName });
  const failedStep = child.steps?.find((step) => step.status === 'Failed' || step.status === 'TimedOut');
  const headline =
    `:rotating_light: ${mention(run.requester.userId)} ${inlineCode(run.runbook.name)} ` +
    `*${childStatusLabel(child.status).toLowerCase()}* in ${account} · ${inlineCode(child.region)} (${run.id})`;
  const where = [
    ...(failedStep ? [`Step ${inlineCode(failedStep.name)} (${escapeMrkdwn(failedStep.action)})`] : []),
    ...(child.executionId ? [`execution ${executionLink(child.executionId, child.region)}`] : []),
  ].join(' · ');
  const message = failedStep?.failureMessage ?? child.failure?.message;
  const blocks = [
    sectionBlock(where ? `${headline}\n${where}` : headline),
    ...(message
      ? [sectionBlock(codeBlock(truncate(message, Math.min(FAILURE_LENGTH, BlockKitLimit.sectionText - 10))))]
      : []),
    contextBlock('The other accounts go on unless the run’s error threshold stops them.'),
    actionsBlock(BlockId.failureActions, [retryFailedButton(run, { exactCount: false })]),
  ];
  return slackMessage(
    `${run.runbook.name} ${childStatusLabel(child.status).toLowerCase()} in ${plainAccountLabel({ id: child.accountId, name: child.accountName })} ${child.region}`,
    blocks,
  );
}
