// What a preview says of its readiness check: how many targets would be refused at start and why, how many
// were not checked, and the cell each target shows in the preview's matrix.
import type { Account, Target } from '../../core/organization/organization.js';
import {
  type PlanReadiness,
  type ReadinessSummary,
  readinessOf,
  type UncheckedReason,
} from '../../core/run/target-readiness.js';
import { truncate } from './block-kit-limits.js';
import { accountLabel } from './child-line.js';
import { escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { plural } from './plural.js';

const SHOWN_REFUSED = 10;
const REASON_LENGTH = 200;
/** Left for the not-checked line and the execution-role note after the refused lines. */
const OTHER_PARTS_LENGTH = 500;

const UNCHECKED_BECAUSE: Record<UncheckedReason, string> = {
  'time-budget': 'the check ran out of time',
  throttled: 'AWS throttled the check',
  unanswered: 'AWS did not answer',
  'no-access': "the bot's read role could not be assumed there",
};

/** `2 of 6 targets would be refused`, or nothing when none would be. */
export function refusedCount(summary: ReadinessSummary): string | undefined {
  if (summary.refused.length === 0) return undefined;
  return `${summary.refused.length} of ${plural(summary.total, 'target')} would be refused`;
}

/** The matrix cell of a planned target: ✓ ready, ✗ would be refused, ? not checked. */
export function readinessMark(readiness: PlanReadiness | undefined, target: Target): string {
  if (!readiness) return '✓';
  const answer = readinessOf(readiness, target);
  return answer.kind === 'ready' ? '✓' : answer.kind === 'refused' ? '✗' : '?';
}

/** The legend the matrix needs for the marks it shows beyond ✓. */
export function readinessLegend(summary: ReadinessSummary | undefined): string[] {
  if (!summary) return [];
  return [
    ...(summary.refused.length > 0 ? ['✗ would be refused'] : []),
    ...(summary.unchecked > 0 ? ['? not checked'] : []),
  ];
}

/**
 * The readiness section: refused targets with their reasons (first), then what was not checked, then what only
 * SSM can check. Every target checked and ready says so in one line.
 */
export function readinessText(
  readiness: PlanReadiness,
  summary: ReadinessSummary,
  accounts: readonly Account[],
  maxLength: number,
): string {
  const parts: string[] = [];
  const counted = refusedCount(summary);
  if (counted) {
    // Whole lines only, within what the other parts leave, so "…and N more" is never cut off.
    let room = maxLength - OTHER_PARTS_LENGTH;
    const lines: string[] = [];
    for (const refused of summary.refused.slice(0, SHOWN_REFUSED)) {
      const account = accounts.find((candidate) => candidate.id === refused.target.accountId);
      const who = account ? accountLabel(account) : `account ${escapeMrkdwn(refused.target.accountId)}`;
      const reason = truncate(escapeMrkdwn(refused.message), REASON_LENGTH);
      const line = `• ${who} ${inlineCode(refused.target.region)}: ${reason}`;
      if (line.length + 1 > room) break;
      room -= line.length + 1;
      lines.push(line);
    }
    if (summary.refused.length > lines.length)
      lines.push(`…and ${summary.refused.length - lines.length} more`);
    parts.push(`:x: *${counted}* at start (they would fail; the others still run)\n${lines.join('\n')}`);
  }
  if (summary.unchecked > 0) {
    const reasons = new Set(
      Object.values(readiness.byTarget).flatMap((answer) =>
        answer.kind === 'unchecked' ? [UNCHECKED_BECAUSE[answer.reason]] : [],
      ),
    );
    const because = reasons.size > 0 ? [...reasons].join('; ') : UNCHECKED_BECAUSE['time-budget'];
    parts.push(
      `:grey_question: *${summary.unchecked} of ${plural(summary.total, 'target')} not checked* (${because})`,
    );
  }
  if (parts.length === 0) {
    parts.push(`:white_check_mark: *Every target passed the readiness check*`);
  }
  if (readiness.checkedAtStart) {
    parts.push(
      `_The execution role ${inlineCode(readiness.checkedAtStart.executionRoleName)} in each account is checked ` +
        "by SSM when the run starts: it trusts SSM's administration role, not the bot._",
    );
  }
  return truncate(parts.join('\n'), maxLength);
}
