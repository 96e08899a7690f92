// App Home's compliance card: the totals, the answer's age, the three worst accounts, and the same buttons as
// `/ssm compliance` (their answers go to the person's DM with the bot).
import type { KnownBlock } from '@slack/types';
import type { ComplianceCard } from '../../use-cases/describe-compliance-card.js';
import { contextBlock, headerBlock, sectionBlock } from './blocks.js';
import { plural } from './plural.js';
import { accountLine, ageLine, complianceActions, totalsLine } from './render-compliance.js';

/** The worst accounts a glance shows; `/ssm compliance` lists more. */
const WORST_SHOWN = 3;

export function renderComplianceCard(card: ComplianceCard, patchRunbook: string, now: Date): KnownBlock[] {
  if (card.kind === 'not-read-yet') {
    return [
      headerBlock('Patch compliance'),
      sectionBlock(
        'Not read yet: `/ssm compliance` reads every account and region now; the worker also reads them on its schedule.',
      ),
    ];
  }
  const worst = card.rollUp.accounts.filter((account) => account.nonCompliant > 0).slice(0, WORST_SHOWN);
  const actions = complianceActions(card, patchRunbook);
  return [
    headerBlock('Patch compliance'),
    sectionBlock(totalsLine(card.rollUp.totals)),
    ...(worst.length > 0 ? [sectionBlock(worst.map(accountLine).join('\n'))] : []),
    contextBlock(
      [
        ageLine(card, now),
        ...(card.rollUp.unreadable.length > 0
          ? [`${plural(card.rollUp.unreadable.length, 'place')} not read`]
          : []),
        '`/ssm compliance` shows more',
      ].join(' · '),
    ),
    ...(actions ? [actions] : []),
  ];
}
