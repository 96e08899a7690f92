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

/**
 * `:no_entry: Policy does not allow …`, the denied targets under the rule that denied them (each rule named
 * once), and who can change the policy.
 */
export function renderDenial(denial: PolicyDenial): SlackMessage {
  const count = plural(denial.denials.length, 'target');
  const title = `:no_entry: *Policy does not allow ${inlineCode(denial.runbook)} in ${count}*`;
  const footer = contextBlock('If this run is needed, ask an operator to change the policy.');
  const fixedText = blocksTextLength([sectionBlock(title), footer]);
  const lines = groupedByRule(denial.denials).flatMap(({ rule, targets }) => [
    rule === undefined ? '*No rule allows it in:*' : `*Rule ${inlineCode(rule)} denies it in:*`,
    ...targets.map(
      (entry) =>
        `• ${accountLabel({ id: entry.accountId, name: entry.accountName })} · ${inlineCode(entry.region)}`,
    ),
  ]);
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

type Denied = PolicyDenial['denials'][number];

/** The denials by rule, rules in the order they first deny, and those no rule allows last. */
function groupedByRule(denials: Denied[]): Array<{ rule?: string; targets: Denied[] }> {
  const byRule = new Map<string | undefined, Denied[]>();
  for (const entry of denials) byRule.set(entry.rule, [...(byRule.get(entry.rule) ?? []), entry]);
  return [...byRule]
    .sort(([a], [b]) => Number(a === undefined) - Number(b === undefined))
    .map(([rule, targets]) => ({ ...(rule !== undefined && { rule }), targets }));
}
