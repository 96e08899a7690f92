// `/ssm compliance`: organization totals, the worst accounts first with console links, places not read, its age,
// and the Download and Patch buttons; within Slack's limits whatever the organization's size.
import type { KnownBlock } from '@slack/types';
import type { UnreadableReason } from '../../core/compliance/patch-compliance.js';
import type {
  AccountCompliance,
  ComplianceCounts,
  UnreadablePlace,
} from '../../core/compliance/roll-up-compliance.js';
import type { ComplianceAnswer } from '../../use-cases/show-compliance.js';
import { complianceButtonValue } from '../compliance-button-value.js';
import { ActionId, BlockId } from '../ids.js';
import { BlockKitLimit } from './block-kit-limits.js';
import { actionsBlock, button, contextBlock, headerBlock, sectionBlock } from './blocks.js';
import { escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { packLines } from './pack-lines.js';
import { plural } from './plural.js';
import { slackTimeAgo } from './slack-date.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

type Summary = Extract<ComplianceAnswer, { kind: 'summary' }>;

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
/** Accounts listed at most: past a screenful the CSV is the better read. */
const WORST_ACCOUNTS = 10;
const UNREADABLE_LINES = 8;

/**
 * Patch Manager in the console for a region. The console shows the account one is signed in to, so the link
 * text names the account; undefined when the region is not a region name (it goes into a host name).
 */
export function patchManagerConsoleUrl(region: string): string | undefined {
  if (!REGION.test(region)) return undefined;
  return `https://${region}.console.aws.amazon.com/systems-manager/patch-manager?region=${region}`;
}

export const REASON_TEXT: Record<UnreadableReason, string> = {
  'region-not-enabled': 'region not enabled for the account',
  'no-read-role': 'the read role is missing or does not trust the bot',
  'access-denied': 'the read role may not call the compliance APIs',
  unanswered: 'AWS did not answer; the next refresh tries again',
};

export function renderCompliance(answer: Summary, patchRunbook: string, now: Date): SlackMessage {
  const { rollUp } = answer;
  const blocks: KnownBlock[] = [
    headerBlock('Patch compliance'),
    sectionBlock(totalsLine(rollUp.totals)),
    contextBlock(ageLine(answer, now), scopeLine(answer)),
  ];
  const behind = rollUp.accounts.filter((account) => account.nonCompliant > 0);
  if (behind.length > 0) {
    const packed = packLines(behind.map(accountLine), {
      maxBlocks: 4,
      maxChars: 5000,
      maxLines: WORST_ACCOUNTS,
      more: (hidden) => `…and ${plural(hidden, 'more account')} behind: *Download CSV* lists every instance.`,
    });
    blocks.push(sectionBlock('*Worst accounts first*'), ...packed.blocks);
  }
  const upToDate = rollUp.accounts.length - behind.length;
  if (upToDate > 0) blocks.push(contextBlock(`${plural(upToDate, 'account')} fully compliant.`));
  if (rollUp.unreadable.length > 0) {
    const packed = packLines(rollUp.unreadable.map(unreadableLine), {
      maxBlocks: 2,
      maxChars: 2500,
      maxLines: UNREADABLE_LINES,
      more: (hidden) => `…and ${plural(hidden, 'more place')} not read.`,
    });
    blocks.push(sectionBlock(`*Not read (${rollUp.unreadable.length})*`), ...packed.blocks);
  }
  const actions = complianceActions(answer, patchRunbook);
  if (actions) blocks.push(actions);
  return slackMessage(
    `Patch compliance: ${rollUp.totals.nonCompliant} of ${rollUp.totals.instances} instances non-compliant`,
    blocks,
  );
}

/** The Download and Patch buttons, when there is something non-compliant and the scope fits a button value. */
export function complianceActions(answer: Summary, patchRunbook: string): KnownBlock | undefined {
  const { rollUp } = answer;
  const value = complianceButtonValue(answer.scope);
  if (rollUp.totals.nonCompliant === 0 || value.length > BlockKitLimit.buttonValue) return undefined;
  const places = rollUp.nonCompliantTargets.length;
  return actionsBlock(BlockId.complianceActions, [
    button({ actionId: ActionId.complianceDownload, text: 'Download CSV', value }),
    button({
      actionId: ActionId.compliancePatch,
      text: 'Patch non-compliant',
      value,
      style: 'primary',
      confirm: {
        title: 'Patch non-compliant?',
        text:
          `Requests a run of ${patchRunbook} in ${plural(places, 'account and region', 'accounts and regions')} ` +
          'as you. Policy and change approvals apply as for any run.',
        confirm: 'Request the run',
        deny: 'Cancel',
      },
    }),
  ]);
}

export function totalsLine(totals: ComplianceCounts): string {
  if (totals.instances === 0) return 'No managed instances reported patch compliance here.';
  const percent = Math.floor((totals.compliant / totals.instances) * 100);
  return (
    `*${totals.compliant} of ${plural(totals.instances, 'instance')} compliant* (${percent}%) · ` +
    `*${totals.nonCompliant} non-compliant* · ` +
    `${plural(totals.critical, 'critical patch', 'critical patches')} and ` +
    `${plural(totals.security, 'security patch', 'security patches')} missing`
  );
}

export function ageLine(answer: Pick<Summary, 'readAt' | 'stale'>, now: Date): string {
  const ago = slackTimeAgo(answer.readAt.toISOString(), now);
  return `As of ${ago}${answer.stale ? ' · reading again now' : ''}`;
}

function scopeLine(answer: Summary): string {
  const { accounts, organizationalUnits, regions } = answer.scope;
  const where =
    accounts.length === 0 && organizationalUnits.length === 0
      ? 'every account'
      : [...accounts, ...organizationalUnits].map(inlineCode).join(', ');
  const hidden =
    answer.hiddenAccounts > 0
      ? ` · ${plural(answer.hiddenAccounts, 'account')} left out: policy does not let you act there`
      : '';
  return `${where} · ${regions.length === 0 ? 'every enabled region' : regions.join(', ')}${hidden}`;
}

export function accountLine(account: AccountCompliance): string {
  const worst = account.regions.filter((region) => region.nonCompliant > 0);
  const links = worst
    .map((region) => {
      const url = patchManagerConsoleUrl(region.region);
      return url ? `<${url}|${region.region}>` : escapeMrkdwn(region.region);
    })
    .join(', ');
  return (
    `• *${escapeMrkdwn(account.accountName)}* (${account.accountId}): ` +
    `${account.nonCompliant} of ${plural(account.instances, 'instance')} non-compliant · ` +
    `${account.critical} critical · ${account.security} security missing · ${links}`
  );
}

function unreadableLine(place: UnreadablePlace): string {
  return (
    `• ${escapeMrkdwn(place.accountName)} (${place.target.accountId}) ${escapeMrkdwn(place.target.region)}: ` +
    REASON_TEXT[place.reason]
  );
}
