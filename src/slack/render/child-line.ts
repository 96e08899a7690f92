// One child execution as one line of a list: where it ran, how it stands, and a link to it.
import { formatRateLimit } from '../../core/command/rate-limit-grammar.js';
import type { ErrorThresholdStop } from '../../core/run/error-threshold-stop.js';
import { childPhase } from '../../core/run/roll-up-run.js';
import type { ChildExecution } from '../../core/run/run.js';
import { truncate } from './block-kit-limits.js';
import { escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { executionConsoleUrl } from './execution-console-url.js';
import { childStatusLabel, PHASE_EMOJI } from './run-status-cue.js';

/** How much of a failure message a list line shows; the thread reply has the rest. */
const FAILURE_IN_LINE = 300;

/**
 * `*payments-prod* (333333333301)`: the name people know, and the id AWS knows. An account the organization
 * did not name (the run then carries its id as its name) reads `account 333333333301`, not the id twice.
 */
export function accountLabel(account: { id: string; name: string }): string {
  if (!account.name || account.name === account.id) return `account ${escapeMrkdwn(account.id)}`;
  return `*${escapeMrkdwn(account.name)}* (${escapeMrkdwn(account.id)})`;
}

/** `payments-prod (333333333301)` or `account 333333333301`, for plain fallback text. */
export function plainAccountLabel(account: { id: string; name: string }): string {
  return !account.name || account.name === account.id
    ? `account ${account.id}`
    : `${account.name} (${account.id})`;
}

/** `<https://…|8f2e…>`, or the id as code when there is no link to make. */
export function executionLink(executionId: string, region: string): string {
  const url = executionConsoleUrl(executionId, region);
  return url ? `<${url}|${escapeMrkdwn(executionId)}>` : inlineCode(executionId);
}

/**
 * `:x: *payments-prod* (333333333301) · `ap-northeast-1` · Failed · <link|id>` (a running one with `now at
 * `step``), and the failure on a quoted
 * second row (one line, shortened).
 */
export function childLine(child: ChildExecution): string {
  const parts = [
    `${PHASE_EMOJI[childPhase(child.status)]} ${accountLabel({ id: child.accountId, name: child.accountName })}`,
    inlineCode(child.region),
    childStatusLabel(child.status),
  ];
  if (child.currentStep && childPhase(child.status) === 'running')
    parts.push(`now at ${inlineCode(child.currentStep)}`);
  if (child.executionId) parts.push(executionLink(child.executionId, child.region));
  const line = parts.join(' · ');
  if (!child.failure) return line;
  const failure = `${child.failure.reason}: ${child.failure.message}`.replace(/\s+/g, ' ').trim();
  return `${line}\n>${escapeMrkdwn(truncate(failure, FAILURE_IN_LINE))}`;
}

/** `stopped because *data-dev* `us-east-1` failed and max errors is 0` */
export function describeErrorThresholdStop(stop: ErrorThresholdStop): string {
  const { failed } = stop;
  const account =
    !failed.accountName || failed.accountName === failed.accountId
      ? `account ${failed.accountId}`
      : failed.accountName;
  return (
    `stopped because *${escapeMrkdwn(account)}* ${inlineCode(failed.region)} failed ` +
    `and max errors is ${formatRateLimit(stop.maxErrors)}`
  );
}
