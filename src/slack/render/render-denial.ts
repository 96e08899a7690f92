// A run that policy refused: which targets, under which rule, and who can change it.
import { BlockKitLimit } from './block-kit-limits.js';
import { blocksTextLength, contextBlock, sectionBlock } from './blocks.js';
import { accountLabel } from './child-line.js';
import { escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { packLines } from './pack-lines.js';
import { plural } from './plural.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

export interface PolicyDenial {
  runbook: string;
  denials: Array<{
    accountId: string;
    accountName: string;
    region: string;
    /** The rule that denied it; absent when no rule allowed it (policy denies by default). */
    rule?: string;
  }>;
}

const SHOWN_DENIALS = 30;

/** `:no_entry: Policy does not allow …`, one line per denied target, and who can change the policy. */
export function renderDenial(denial: PolicyDenial): SlackMessage {
  const count = plural(denial.denials.length, 'target');
  const title = `:no_entry: *Policy does not allow ${inlineCode(denial.runbook)} in ${count}*`;
  const footer = contextBlock('If this run is needed, ask an operator to change the policy.');
  const fixedText = blocksTextLength([sectionBlock(title), footer]);
  const lines = denial.denials.map((entry) => {
    const account = accountLabel({ id: entry.accountId, name: entry.accountName });
    const why = entry.rule === undefined ? 'no rule allows it' : `denied by rule ${inlineCode(entry.rule)}`;
    return `• ${account} · ${inlineCode(entry.region)}: ${why}`;
  });
  const { blocks: list } = packLines(lines, {
    maxBlocks: BlockKitLimit.messageBlocks - 2,
    maxChars: BlockKitLimit.messageText - fixedText,
    maxLines: SHOWN_DENIALS,
    more: (hidden) => `…and ${hidden} more`,
  });
  return slackMessage(`Policy does not allow ${escapeMrkdwn(denial.runbook)} in ${count}`, [
    sectionBlock(title),
    ...list,
    footer,
  ]);
}
