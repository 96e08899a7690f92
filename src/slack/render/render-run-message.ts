// A run's message in the channel: posted once, re-rendered on every change, the thread hangs off it.
import type { KnownBlock } from '@slack/types';
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
import { type SlackMessage, slackMessage } from './slack-message.js';

/** Cancel means something only while the run can still start or stop executions. */
const CANCELLABLE = new Set<Run['status']>(['starting', 'running']);

/**
 * Who asked for what, where (accounts by name, parameters with secrets masked); counts per phase, a progress bar and the time taken so far (`now` is passed in:
 * renderers are pure); the outcome once finished; Status and, while it can be stopped, Cancel.
 */
export function renderRunMessage(run: Run, now: Date): SlackMessage {
  const rollUp = rollUpRun(run);
  const progress = runProgress(run, rollUp, now);
  const outcome = runOutcome(run, rollUp);
  const buttons = [button({ actionId: ActionId.showRunStatus, text: 'Status', value: run.id })];
  if (CANCELLABLE.has(run.status)) {
    buttons.push(
      button({
        actionId: ActionId.cancelRun,
        text: 'Cancel',
        value: run.id,
        style: 'danger',
        confirm: {
          title: 'Cancel this run?',
          text: `Stop every execution of ${run.id}?`,
          confirm: 'Stop them',
          deny: 'Keep running',
        },
      }),
    );
  }
  const blocks: KnownBlock[] = [
    sectionBlock(
      [runHeadline(run), runWhere(run), runTargets(run), runParameters(run)].filter(Boolean).join('\n'),
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
