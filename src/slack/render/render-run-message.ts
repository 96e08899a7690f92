// A run's message in the channel: posted once, re-rendered on every change, the thread hangs off it.
import type { KnownBlock } from '@slack/types';
import { isRunFinished } from '../../core/run/apply-child-reports.js';
import { rollUpRun } from '../../core/run/roll-up-run.js';
import type { Run } from '../../core/run/run.js';
import { ActionId, BlockId } from '../ids.js';
import { actionsBlock, button, contextBlock, sectionBlock } from './blocks.js';
import { inlineCode, mention } from './escape-mrkdwn.js';
import { runStatusCue } from './run-status-cue.js';
import {
  runFootnotes,
  runHeadline,
  runOutcome,
  runParameters,
  runProgress,
  runTargets,
  runWhere,
} from './run-summary.js';
import { hasFailedTargets, retryFailedButton, runAgainButton, stopButton } from './run-thread-buttons.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

/** Stop means something only while the run can still start or stop executions. */
const CANCELLABLE = new Set<Run['status']>(['starting', 'running']);

/**
 * Who asked for what, where (accounts by name, parameters with secrets masked); counts per phase, a progress bar and the time taken so far (`now` is passed in:
 * renderers are pure); the outcome once finished; Status and, while it can be stopped, Stop; once finished, Retry failed (when
 * something did not succeed) and Run again.
 */
export function renderRunMessage(run: Run, now: Date): SlackMessage {
  const rollUp = rollUpRun(run);
  const progress = runProgress(run, rollUp, now);
  const outcome = runOutcome(run, rollUp);
  const buttons = [button({ actionId: ActionId.showRunStatus, text: 'Status', value: run.id })];
  if (CANCELLABLE.has(run.status)) buttons.push(stopButton(run));
  if (isRunFinished(run)) {
    if (hasFailedTargets(run)) buttons.push(retryFailedButton(run, { exactCount: true }));
    buttons.push(runAgainButton(run));
  }
  const blocks: KnownBlock[] = [
    sectionBlock(
      [runHeadline(run), originLine(run), runWhere(run), runTargets(run), runParameters(run)]
        .filter(Boolean)
        .join('\n'),
    ),
    ...(progress ? [sectionBlock(progress)] : []),
    ...(outcome ? [sectionBlock(outcome)] : []),
    contextBlock(...runFootnotes(run)),
    actionsBlock(BlockId.runActions, buttons),
  ];
  const cue = runStatusCue(run.status);
  return slackMessage(
    `${cue.label}: ${inlineCode(run.runbook.name)} requested by ${mention(run.requester.userId)} (${run.id})`,
    blocks,
  );
}

/** `:leftwards_arrow_with_hook: Retry of the failed targets of `run-…``: the original's thread links back here. */
function originLine(run: Run): string {
  if (!run.origin) return '';
  const what = run.origin.kind === 'retry-failed' ? 'Retry of the failed targets of' : 'Run again of';
  const original = run.origin.permalink
    ? `<${run.origin.permalink}|${run.origin.runId}>`
    : inlineCode(run.origin.runId);
  return `:leftwards_arrow_with_hook: ${what} ${original}`;
}
