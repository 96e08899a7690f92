// A large run's one broadcast about its failures, edited as more arrive: "12 accounts failed at step X",
// instead of a notice per account in the channel. Each failure still has its own reply in the thread.
import { isRunFinished } from '../../core/run/apply-child-reports.js';
import { NOT_STARTED, type Run } from '../../core/run/run.js';
import type { FailureCause, FailureGroup } from '../../core/run/thread-layout.js';
import { BlockId } from '../ids.js';
import { BlockKitLimit } from './block-kit-limits.js';
import { actionsBlock, contextBlock, sectionBlock } from './blocks.js';
import { escapeMrkdwn, inlineCode, mention } from './escape-mrkdwn.js';
import { packLines } from './pack-lines.js';
import { plural } from './plural.js';
import { retryFailedButton } from './run-thread-buttons.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

/** `:rotating_light: <@requester> `AWS-RestartEC2Instance`: 12 accounts failed at step `stop` (run-…)` and a line per cause. */
export function renderFailureSummary(run: Run, failures: readonly FailureGroup[]): SlackMessage {
  const failed = failures.reduce((sum, group) => sum + group.count, 0);
  const headline =
    `:rotating_light: ${mention(run.requester.userId)} ${inlineCode(run.runbook.name)}: ` +
    `${plural(failed, 'execution')} failed${isRunFinished(run) ? '' : ' so far'} (${run.id})`;
  const lines = failures.map(causeLine);
  const fixed = [
    sectionBlock(headline),
    contextBlock('Each failure has its own reply in this thread, with its step and message.'),
  ];
  const listed = packLines(lines, {
    maxBlocks: BlockKitLimit.messageBlocks - fixed.length - 1,
    maxChars: BlockKitLimit.messageText - headline.length - 200,
    maxLines: 20,
    more: (hidden) => `…and ${plural(hidden, 'more cause')}`,
  }).blocks;
  const first = failures[0];
  const text = `${run.runbook.name}: ${failed} failed${first ? `; ${first.count} ${describeCause(first.cause, false)}` : ''}`;
  const retry = actionsBlock(BlockId.failureActions, [
    retryFailedButton(run, { exactCount: isRunFinished(run) }),
  ]);
  return slackMessage(escapeMrkdwn(text), [fixed[0]!, ...listed, fixed[1]!, retry]);
}

/** `• *12* failed at step `stopInstances`: payments-prod, search-prod, … and 10 more` */
function causeLine(group: FailureGroup): string {
  const names = accountsOf(group.examples);
  const more = group.count - group.examples.length;
  const where = more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
  return `• *${group.count}* ${describeCause(group.cause, true)}: ${where}`;
}

function describeCause(cause: FailureCause, markup: boolean): string {
  const code = (value: string) => (markup ? inlineCode(value) : value);
  if (cause.kind === 'step') return `failed at step ${code(cause.step)}`;
  return cause.reason === NOT_STARTED ? 'did not start there' : `failed with ${code(cause.reason)}`;
}

/** Each account once, in the examples' order, with its number of regions: `ledger-dev (3 regions)`. */
function accountsOf(examples: FailureGroup['examples']): string[] {
  const regions = new Map<string, number>();
  for (const child of examples) regions.set(child.accountName, (regions.get(child.accountName) ?? 0) + 1);
  return [...regions].map(([name, count]) =>
    count > 1 ? `${escapeMrkdwn(name)} (${count} regions)` : escapeMrkdwn(name),
  );
}
