// `/ssm list [prefix]`: the runbooks a person may run, grouped by owner, each with a one-line description and,
// where that line is shortened, where to read the rest.
import type { KnownBlock } from '@slack/types';
import { BlockKitLimit, TRUNCATION_MARKER } from './block-kit-limits.js';
import { blocksTextLength, contextBlock, headerBlock, sectionBlock } from './blocks.js';
import { escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { oneLineDescription } from './one-line-description.js';
import { packLines } from './pack-lines.js';
import { plural } from './plural.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

export interface RunbookListing {
  /** What the person typed after `/ssm list`, if anything. */
  prefix?: string;
  /** The runbooks policy lets this person run, already filtered by the prefix. */
  runbooks: Array<{ name: string; description?: string; owner?: string }>;
}

const DESCRIPTION_LENGTH = 150;
const AMAZON = 'Amazon';

/**
 * A header, the runbooks grouped by owner (yours first, then AWS-managed), and how to run one. When the
 * descriptions would not fit in one message the list falls back to names only, and says so; past that,
 * it says how many more there are and how to narrow the list.
 */
export function renderRunbookList(listing: RunbookListing): SlackMessage {
  const prefix = listing.prefix;
  if (listing.runbooks.length === 0) {
    const text =
      prefix === undefined
        ? 'No runbooks you may run.'
        : `No runbooks you may run match ${inlineCode(prefix)}.`;
    return slackMessage(text, [
      sectionBlock(`:mag: ${text}`),
      contextBlock(
        prefix === undefined
          ? 'What you may run is set by policy: ask an operator to change it.'
          : `${inlineCode('/ssm list')} shows every runbook you may run.`,
      ),
    ]);
  }
  const title =
    prefix === undefined ? 'Runbooks you may run' : `Runbooks you may run starting with ${prefix}`;
  const count = plural(listing.runbooks.length, 'runbook');
  const footer = contextBlock(
    `${count} · Run one with ${inlineCode('/ssm run <runbook>')}; ${inlineCode('/ssm help run')} explains the flags.`,
  );
  const fixed: KnownBlock[] = [headerBlock(title), footer];
  const budget = {
    maxBlocks: BlockKitLimit.messageBlocks - fixed.length - 1,
    maxChars: BlockKitLimit.messageText - blocksTextLength(fixed) - 200,
    more: (hidden: number) => `…and ${hidden} more: narrow the list with ${inlineCode('/ssm list <prefix>')}`,
  };
  const groups = groupByOwner(listing.runbooks);
  const described = packLines(lines(groups, true), budget);
  const blocks =
    described.hidden === 0
      ? described.blocks
      : [
          sectionBlock('_Too many to describe here, so names only._'),
          ...packLines(lines(groups, false), budget).blocks,
        ];
  return slackMessage(`${title}: ${count}`, [fixed[0]!, ...blocks, footer]);
}

type Runbook = RunbookListing['runbooks'][number];

function groupByOwner(runbooks: readonly Runbook[]): Array<{ label: string; runbooks: Runbook[] }> {
  const byOwner = new Map<string, Runbook[]>();
  for (const runbook of runbooks) {
    const owner = runbook.owner ?? '';
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), runbook]);
  }
  const rank = (owner: string) => (owner === '' ? 2 : owner === AMAZON ? 1 : 0);
  return [...byOwner.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b, 'en'))
    .map(([owner, members]) => ({
      label: ownerLabel(owner),
      runbooks: [...members].sort((a, b) => a.name.localeCompare(b.name, 'en')),
    }));
}

function ownerLabel(owner: string): string {
  if (owner === AMAZON) return 'Managed by AWS';
  if (owner === '') return 'Owner not known';
  return /^\d{12}$/.test(owner) ? `Owned by account ${owner}` : `Owned by ${escapeMrkdwn(owner)}`;
}

/** One line per runbook; the first of each group carries the group's label, so a list cut short never ends on a lone label. */
function lines(groups: ReturnType<typeof groupByOwner>, withDescriptions: boolean): string[] {
  const grouped = groups.length > 1;
  return groups.flatMap((group) =>
    group.runbooks.map((runbook, index) => {
      const description =
        withDescriptions && runbook.description
          ? oneLineDescription(runbook.description, DESCRIPTION_LENGTH)
          : '';
      const line = `• ${inlineCode(runbook.name)}${description ? `: ${describedLine(runbook, description)}` : ''}`;
      return grouped && index === 0 ? `*${group.label}*\n${line}` : line;
    }),
  );
}

/** The line, escaped; a shortened one ends with where the rest is, which says more than "(truncated)". */
function describedLine(runbook: Runbook, line: string): string {
  if (!wasCut(runbook.description ?? '') || !line.endsWith(TRUNCATION_MARKER)) return escapeMrkdwn(line);
  return `${escapeMrkdwn(line.slice(0, -TRUNCATION_MARKER.length))}… ${moreHint(runbook.name)}`;
}

/** Whether the one line leaves out part of the description (it was shortened). */
function wasCut(description: string): boolean {
  return oneLineDescription(description, Number.MAX_SAFE_INTEGER).length > DESCRIPTION_LENGTH;
}

/** Where the rest of a shortened description is: `/ssm list <name>` shows the runbook whole. */
function moreHint(name: string): string {
  return `_More: ${inlineCode(`/ssm list ${name}`)}_`;
}
