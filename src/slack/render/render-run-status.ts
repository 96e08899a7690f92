// `/ssm status <id>` and the Status button: every execution of a run, failures first, as an ephemeral reply.
import type { KnownBlock } from '@slack/types';
import { type ChildPhase, childPhase, rollUpRun } from '../../core/run/roll-up-run.js';
import type { Run } from '../../core/run/run.js';
import { BlockKitLimit } from './block-kit-limits.js';
import { blocksTextLength, contextBlock, sectionBlock } from './blocks.js';
import { childLine } from './child-line.js';
import { inlineCode } from './escape-mrkdwn.js';
import { packLines } from './pack-lines.js';
import { plural } from './plural.js';
import { runStatusCue } from './run-status-cue.js';
import { runFootnotes, runHeadline, runOutcome, runProgress, runWhere } from './run-summary.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

/** What needs a look comes first, so a list cut short hides successes, not failures. */
const ORDER: Record<ChildPhase, number> = {
  failed: 0,
  running: 1,
  queued: 2,
  cancelled: 3,
  skipped: 4,
  succeeded: 5,
};
const SHOWN_CHILDREN = 100;

/** The run's summary, then one line per child (failed first, each with its console link and failure). */
export function renderRunStatus(run: Run, now: Date): SlackMessage {
  const rollUp = rollUpRun(run);
  const progress = runProgress(run, rollUp, now);
  const outcome = runOutcome(run, rollUp);
  const before: KnownBlock[] = [
    sectionBlock(`${runHeadline(run)}\n${runWhere(run)}`),
    ...(progress ? [sectionBlock(progress)] : []),
    ...(outcome ? [sectionBlock(outcome)] : []),
  ];
  const after: KnownBlock[] = [
    contextBlock(
      ...runFootnotes(run),
      run.parentExecutionId
        ? `Parent execution ${inlineCode(run.parentExecutionId)} in the operations account`
        : '',
    ),
    contextBlock(
      'Failures are listed first. A console link opens the execution only when you are signed in to the ' +
        'AWS account it ran in.',
    ),
  ];
  const children = run.children
    .map((child, index) => ({ child, index }))
    .sort(
      (a, b) => ORDER[childPhase(a.child.status)] - ORDER[childPhase(b.child.status)] || a.index - b.index,
    )
    .map(({ child }) => childLine(child));
  const fixed = [...before, ...after];
  const { blocks: list } = packLines(children, {
    maxBlocks: BlockKitLimit.messageBlocks - fixed.length,
    maxChars: BlockKitLimit.messageText - blocksTextLength(fixed),
    maxLines: SHOWN_CHILDREN,
    more: (hidden) => `…and ${plural(hidden, 'more execution')}`,
  });
  const cue = runStatusCue(run.status);
  return slackMessage(
    `${cue.label}: ${inlineCode(run.runbook.name)} (${run.id}), ${rollUp.counts.succeeded} of ${rollUp.total} succeeded`,
    [...before, ...list, ...after],
  );
}
