// `/ssm doctor` in Slack: the message while the check runs (a progress bar), then the verdict: the organization's
// findings, the accounts with problems first (one line each), and each fix once, within Block Kit's limits.
import type { KnownBlock } from '@slack/types';
import type { DoctorReport, PlaceVerdict } from '../../core/doctor/diagnose-organization.js';
import { accountsByTrouble, doctorFixes } from '../../core/doctor/doctor-fixes.js';
import type { Finding } from '../../core/doctor/readiness-problem.js';
import { contextBlock, headerBlock, sectionBlock } from './blocks.js';
import { escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { packLines } from './pack-lines.js';
import { progressBar } from './progress-bar.js';
import { type SlackMessage, sectionMessage, slackMessage } from './slack-message.js';

const TITLE = 'Organization readiness';

export interface DoctorProgressView {
  checkedAccounts: number;
  totalAccounts: number;
}

export function renderDoctorProgress({ checkedAccounts, totalAccounts }: DoctorProgressView): SlackMessage {
  const fraction = totalAccounts === 0 ? 0 : checkedAccounts / totalAccounts;
  const text = `Checking the organization: ${checkedAccounts} of ${totalAccounts} accounts`;
  return slackMessage(text, [
    headerBlock(`${TITLE}: checking…`),
    sectionBlock(`${progressBar(fraction)}  ${checkedAccounts} of ${totalAccounts} member accounts checked`),
  ]);
}

const icon = (findings: readonly Finding[]) =>
  findings.some((finding) => finding.severity === 'blocking')
    ? ':x:'
    : findings.length > 0
      ? ':warning:'
      : ':white_check_mark:';

/** Shares of the message's text budget: the accounts' lines and the fixes, after the header and organization. */
const ACCOUNT_CHARS = 3_500;
const FIX_CHARS = 4_500;
const ACCOUNT_BLOCKS = 12;
const FIX_BLOCKS = 16;

export function renderDoctorResult(report: DoctorReport): SlackMessage {
  const verdict =
    report.exitCode === 0
      ? `ready: nothing blocks runs (${report.warnings} warning${report.warnings === 1 ? '' : 's'})`
      : `not ready: ${report.blocking} blocking problem${report.blocking === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}`;
  const accounts = accountsByTrouble(report);
  const blocks: KnownBlock[] = [
    headerBlock(`${TITLE}: ${report.exitCode === 0 ? 'ready' : 'not ready'}`),
    contextBlock(
      `${escapeMrkdwn(verdict)} · bot in account ${inlineCode(report.callerAccountId)} · ` +
        `${accounts.length} member accounts × ${report.regions.length} regions checked`,
    ),
    sectionBlock(organizationText(report.organization)),
  ];
  const troubled = accounts.filter((accountId) =>
    report.places.some((place) => place.accountId === accountId && place.findings.length > 0),
  );
  const healthy = accounts.length - troubled.length;
  if (troubled.length > 0) {
    const lines = troubled.map((accountId) =>
      accountLine(
        report.places.filter((place) => place.accountId === accountId),
        report.regions,
      ),
    );
    blocks.push(
      sectionBlock('*Accounts with problems* (blocking first)'),
      ...packLines(lines, {
        maxBlocks: ACCOUNT_BLOCKS,
        maxChars: ACCOUNT_CHARS,
        more: (hidden) => `…and ${hidden} more accounts with problems: \`ssm-chatops doctor\` lists them all`,
      }).blocks,
    );
  }
  if (healthy > 0) {
    blocks.push(
      contextBlock(`:white_check_mark: ${healthy} account${healthy === 1 ? '' : 's'} ready in every region`),
    );
  }
  const fixes = doctorFixes(report).map((fix, index) => {
    const where =
      fix.where.length > 3
        ? `${fix.where.slice(0, 3).join(', ')} and ${fix.where.length - 3} more`
        : fix.where.join(', ');
    return (
      `${index + 1}. ${icon([fix])} *${fix.code}* (${escapeMrkdwn(where)}): ${escapeMrkdwn(fix.explanation)}\n` +
      `      fix: ${inlineCode(fix.fix)}`
    );
  });
  if (fixes.length > 0) {
    blocks.push(
      sectionBlock('*Fixes*'),
      ...packLines(fixes, {
        maxBlocks: FIX_BLOCKS,
        maxChars: FIX_CHARS,
        more: (hidden) => `…and ${hidden} more fixes: \`ssm-chatops doctor\` lists them all`,
      }).blocks,
    );
  }
  return slackMessage(`${TITLE}: ${verdict}`, blocks);
}

function organizationText(findings: readonly Finding[]): string {
  if (findings.length === 0) return '*Organization* :white_check_mark: everything checked is in place';
  const lines = findings.map(
    (finding) => `${icon([finding])} *${finding.code}*: ${escapeMrkdwn(finding.explanation)}`,
  );
  // The organization's findings are few (one per check); the section's own limit cuts, saying so, past that.
  return ['*Organization*', ...lines].join('\n');
}

/** `:x: 444444444401 name: execution-role-not-trusted (all regions) · region-not-enabled (us-east-1)` */
function accountLine(places: readonly PlaceVerdict[], regions: readonly string[]): string {
  const first = places[0]!;
  const regionsByCode = new Map<string, string[]>();
  for (const place of places) {
    for (const code of new Set(place.findings.map((finding) => finding.code))) {
      regionsByCode.set(code, [...(regionsByCode.get(code) ?? []), place.region]);
    }
  }
  const codes = [...regionsByCode].map(
    ([code, where]) => `${code} (${where.length === regions.length ? 'all regions' : where.join(', ')})`,
  );
  const name = first.accountName ? ` ${escapeMrkdwn(first.accountName)}` : '';
  return `${icon(places.flatMap((place) => place.findings))} \`${first.accountId}\`${name}: ${codes.join(' · ')}`;
}

/** The check itself failed (the bot's own AWS identity refused, say): the message must not stay "checking…". */
export function renderDoctorFailure(): SlackMessage {
  const text = `${TITLE}: the check could not finish`;
  return slackMessage(text, [
    headerBlock(`${TITLE}: not checked`),
    sectionBlock(
      'The check could not finish: the bot could not read its own AWS identity or the organization. ' +
        'The reason was sent to the operator who asked; `ssm-chatops doctor` shows it too.',
    ),
  ]);
}

export type DoctorRefusal = 'not-operator' | 'not-available' | 'cannot-post';

/** Why `/ssm doctor` did not run, said privately to the one who asked. */
export function renderDoctorRefusal(why: DoctorRefusal, slackError?: string): SlackMessage {
  switch (why) {
    case 'not-operator':
      return sectionMessage(
        'Only operators may run `/ssm doctor`: its report shows how every account is set up. ' +
          'Ask an operator, or run `ssm-chatops doctor` with AWS credentials of the operations account.',
      );
    case 'not-available':
      return sectionMessage(
        '`/ssm doctor` is not available in this deployment: run `ssm-chatops doctor` instead.',
      );
    case 'cannot-post':
      return sectionMessage(
        `I cannot post the report in this channel (Slack says ${inlineCode(slackError ?? 'unknown')}): ` +
          'invite me with `/invite @ssm-chatops`, or run `/ssm doctor` in a channel I am in.',
      );
  }
}
