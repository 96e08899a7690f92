// The reply to `/ssm cancel <id>` (and the Cancel button): what was stopped, or why nothing was.
import type { CancelRunResult } from '../../use-cases/cancel-run.js';
import { BlockKitLimit, truncate } from './block-kit-limits.js';
import { blocksTextLength, contextBlock, sectionBlock } from './blocks.js';
import { accountLabel } from './child-line.js';
import { escapeMrkdwn, inlineCode, mention } from './escape-mrkdwn.js';
import { packLines } from './pack-lines.js';
import { plural } from './plural.js';
import { runStatusCue } from './run-status-cue.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

const SHOWN_FAILURES = 20;
const FAILURE_LENGTH = 300;

export function renderCancelResult(result: CancelRunResult): SlackMessage {
  switch (result.kind) {
    case 'cancelled':
      return cancelled(result);
    case 'not-found': {
      const text = `There is no run ${inlineCode(result.id)}.`;
      return slackMessage(text, [
        sectionBlock(`:mag: ${text}`),
        contextBlock(`${inlineCode('/ssm history')} lists recent runs and their ids.`),
      ]);
    }
    case 'not-allowed': {
      const { run } = result;
      const text =
        `You can't cancel ${inlineCode(run.id)} (${inlineCode(run.runbook.name)}): only ` +
        `${mention(run.requester.userId)}, who started it, or an operator can.`;
      return slackMessage(text, [sectionBlock(`:no_entry: ${text}`)]);
    }
    case 'already-finished': {
      const { run } = result;
      const text = `${inlineCode(run.id)} (${inlineCode(run.runbook.name)}) has already finished: ${runStatusCue(run.status).label.toLowerCase()}.`;
      return slackMessage(text, [
        sectionBlock(`:information_source: ${text} There is nothing left to stop.`),
        contextBlock(`${inlineCode(`/ssm status ${run.id}`)} shows how each execution ended.`),
      ]);
    }
  }
}

function cancelled(result: Extract<CancelRunResult, { kind: 'cancelled' }>): SlackMessage {
  const { run, stopped, failures } = result;
  const what = `${inlineCode(run.id)} (${inlineCode(run.runbook.name)})`;
  const headline =
    stopped === 0 && failures.length === 0
      ? `:octagonal_sign: Cancelled ${what}: no execution had started.`
      : `:octagonal_sign: Stopping ${what}: SSM is stopping ${plural(stopped, 'execution')}` +
        (failures.length > 0 ? `; ${plural(failures.length, 'execution')} could not be stopped.` : '.');
  const footer = contextBlock(
    `The run's message follows each execution to its end. ${inlineCode(`/ssm status ${run.id}`)} shows them now.`,
  );
  const lines = failures.map(
    (failure) =>
      `• ${accountLabel({ id: failure.accountId, name: failure.accountName })} · ${inlineCode(failure.region)}: ` +
      escapeMrkdwn(truncate(failure.message.replace(/\s+/g, ' ').trim(), FAILURE_LENGTH)),
  );
  const { blocks: list } = packLines(lines, {
    maxBlocks: BlockKitLimit.messageBlocks - 2,
    maxChars: BlockKitLimit.messageText - blocksTextLength([sectionBlock(headline), footer]),
    maxLines: SHOWN_FAILURES,
    more: (hidden) => `…and ${hidden} more`,
  });
  return slackMessage(headline.replace(':octagonal_sign: ', ''), [sectionBlock(headline), ...list, footer]);
}
