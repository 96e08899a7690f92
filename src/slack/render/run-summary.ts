// The lines that sum a run up, shared by its channel message and its detailed status.

import { formatRateLimit } from '../../core/command/rate-limit-grammar.js';
import { isRunFinished } from '../../core/run/apply-child-reports.js';
import type { RunRollUp } from '../../core/run/roll-up-run.js';
import type { Run } from '../../core/run/run.js';
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
  switch (run.status) {
    case 'succeeded':
      return total === 1
        ? ':white_check_mark: The execution succeeded.'
        : `:white_check_mark: All ${total} executions succeeded.`;
    case 'completed-with-errors':
      return `:warning: ${counts.succeeded} of ${plural(total, 'execution')} succeeded; ${others.join(', ')}. The thread has each one.`;
    case 'failed':
      return `:x: No execution succeeded: ${others.join(', ') || 'none ran'}. The thread has each one.`;
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
      ? `Approved change ${inlineCode(run.approval.changeId)} (${run.approval.templates.map(inlineCode).join(', ')})`
      : '',
  ];
}
