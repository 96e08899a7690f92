// The lines that sum a run up, shared by its channel message and its detailed status.

import { formatRateLimit } from '../../core/command/rate-limit-grammar.js';
import { isRunFinished } from '../../core/run/apply-child-reports.js';
import { errorThresholdStop } from '../../core/run/error-threshold-stop.js';
import type { RunRollUp } from '../../core/run/roll-up-run.js';
import type { Run } from '../../core/run/run.js';
import { truncate } from './block-kit-limits.js';
import { describeErrorThresholdStop } from './child-line.js';
import { escapeMrkdwn, inlineCode, mention } from './escape-mrkdwn.js';
import { durationBetween, formatDuration } from './format-duration.js';
import { plural } from './plural.js';
import { progressBar } from './progress-bar.js';
import { phaseCounts, runStatusCue } from './run-status-cue.js';
import { slackTimeAgo } from './slack-date.js';

/** `:large_yellow_circle: *Running* · `AWS-RestartEC2Instance` · requested by <@U0REQUEST1>` */
export function runHeadline(run: Run): string {
  const cue = runStatusCue(run.status);
  return `${cue.emoji} *${cue.label}* · ${inlineCode(run.runbook.name)} · requested by ${mention(run.requester.userId)}`;
}

/** `2 accounts × 2 regions · multi-account · concurrency 10 · max errors 0` */
export function runWhere(run: Run): string {
  return [
    `${plural(run.targets.accounts.length, 'account')} × ${plural(run.targets.regions.length, 'region')}`,
    run.mode,
    `concurrency ${formatRateLimit(run.concurrency)}`,
    `max errors ${formatRateLimit(run.maxErrors)}`,
  ].join(' · ');
}

const NAMED_ACCOUNTS = 3;
const SHOWN_PARAMETERS = 6;
const PARAMETER_VALUE_LENGTH = 80;
const VALUES_PER_PARAMETER = 3;
/** Names whose values are secrets by their look: a runbook's NoEcho is not known to the run record. */
const SECRET_NAME = /password|passwd|secret|token|key|credential|private/i;
export const MASKED = '••••';

/** `payments-prod, data-dev and 12 more in `us-east-1`, `eu-west-1``: what the run touches, by name. */
export function runTargets(run: Run): string {
  const names = run.targets.accounts
    .map((account) => (!account.name || account.name === account.id ? `account ${account.id}` : account.name))
    .sort((left, right) => left.localeCompare(right));
  const more = names.length - NAMED_ACCOUNTS;
  const accounts =
    more > 1
      ? `${names.slice(0, NAMED_ACCOUNTS).map(escapeMrkdwn).join(', ')} and ${more} more`
      : names.map(escapeMrkdwn).join(', ');
  return `${accounts} in ${run.targets.regions.map(inlineCode).join(', ')}`;
}

/**
 * `InstanceId `i-0a1b…`, `i-0f9e…` · DbPassword ••••`, or undefined without parameters. A value whose
 * parameter's name looks like a secret (Password, Token, Key…) is masked: the channel is no place for it.
 */
export function runParameters(run: Run): string | undefined {
  const entries = Object.entries(run.parameters);
  if (entries.length === 0) return undefined;
  const shown = entries.slice(0, SHOWN_PARAMETERS).map(([name, values]) => {
    if (SECRET_NAME.test(name)) return `${escapeMrkdwn(truncate(name, PARAMETER_VALUE_LENGTH))} ${MASKED}`;
    const listed = values
      .slice(0, VALUES_PER_PARAMETER)
      .map((item) => inlineCode(truncate(item, PARAMETER_VALUE_LENGTH)));
    const more = values.length > listed.length ? ` and ${values.length - listed.length} more` : '';
    return `${escapeMrkdwn(truncate(name, PARAMETER_VALUE_LENGTH))} ${listed.join(', ') || '_empty_'}${more}`;
  });
  const hidden = entries.length - shown.length;
  return `Parameters: ${shown.join(' · ')}${hidden > 0 ? ` · and ${hidden} more` : ''}`;
}

/**
 * The counts per phase, then `` `▓▓▓▓▓░░░░░ 50%` 2 of 4 done · started <!date^…^{ago}|3m 20s ago> `` (or
 * `took …` once finished);
 */
export function runProgress(run: Run, rollUp: RunRollUp, now: Date): string {
  if (rollUp.total === 0) return ':hourglass_flowing_sand: No executions yet';
  const done = rollUp.total - rollUp.counts.queued - rollUp.counts.running;
  const time = elapsed(run, now);
  return (
    `${phaseCounts(rollUp.counts)}\n` +
    `\`${progressBar(rollUp.progress)}\` ${done} of ${rollUp.total} done${time ? ` · ${time}` : ''}`
  );
}

function elapsed(run: Run, now: Date): string | undefined {
  if (!isRunFinished(run)) {
    // Rendered by Slack as it is read: the message is edited only when the run moves, the time ticks anyway.
    const ago = slackTimeAgo(run.createdAt, now);
    return ago === undefined ? undefined : `started ${ago}`;
  }
  // updatedAt moves with any later write (a thread reply's ts), so the last child to end marks the end.
  const ends = run.children.map((child) => child.endedAt).filter((end): end is string => end !== undefined);
  const end =
    ends.length > 0 ? ends.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) : run.updatedAt;
  const duration = durationBetween(run.createdAt, end);
  // Nothing recorded an end (children that never started): no time beats a wrong "took 0s".
  return duration === undefined || duration <= 0 ? undefined : `took ${formatDuration(duration)}`;
}

/** The sentence a finished run ends on; undefined while it is not finished. */
export function runOutcome(run: Run, rollUp: RunRollUp): string | undefined {
  const { counts, total } = rollUp;
  const others = [
    counts.failed > 0 ? `${counts.failed} failed` : '',
    counts.cancelled > 0 ? `${counts.cancelled} cancelled` : '',
    counts.skipped > 0 ? `${counts.skipped} skipped` : '',
    counts.queued + counts.running > 0 ? `${counts.queued + counts.running} not finished` : '',
  ].filter((part) => part !== '');
  const stop = errorThresholdStop(run);
  const stopped = stop ? ` The rest ${describeErrorThresholdStop(stop)}.` : '';
  switch (run.status) {
    case 'succeeded':
      return total === 1
        ? ':white_check_mark: The execution succeeded.'
        : `:white_check_mark: All ${total} executions succeeded.`;
    case 'completed-with-errors':
      return `:warning: ${counts.succeeded} of ${plural(total, 'execution')} succeeded; ${others.join(', ')}.${stopped} The thread has each one.`;
    case 'failed':
      return `:x: No execution succeeded: ${others.join(', ') || 'none ran'}.${stopped} The thread has each one.`;
    case 'cancelled': {
      const by = run.cancelledBy ? ` by ${mention(run.cancelledBy)}` : '';
      const tally = counts.succeeded > 0 ? [`${counts.succeeded} succeeded`, ...others] : others;
      return `:no_entry_sign: Cancelled${by}${tally.length > 0 ? `: ${tally.join(', ')}` : ''}.`;
    }
    default:
      return undefined;
  }
}

/** `Run `run-7k3m9q2x`` and, when given, the reason, the rule that allowed it and the change that approved it. */
export function runFootnotes(run: Run): string[] {
  return [
    `Run ${inlineCode(run.id)}`,
    run.reason ? `Reason: ${escapeMrkdwn(run.reason)}` : '',
    `Allowed by rule ${inlineCode(run.policyRule)}`,
    run.approval?.changeId
      ? `Approved change ${inlineCode(run.approval.changeId)} (${run.approval.templates.map(inlineCode).join(', ')})` +
        (run.approval.approvedBy?.length ? ` by ${run.approval.approvedBy.map(mention).join(', ')}` : '')
      : '',
  ];
}
