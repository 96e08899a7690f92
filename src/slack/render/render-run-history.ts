// `/ssm history`: recent runs, newest first, one line each.
import type { KnownBlock } from '@slack/types';
import type { StoredChange } from '../../core/approval/stored-change.js';
import { type ChildPhase, rollUpRun } from '../../core/run/roll-up-run.js';
import type { Run, RunStatus } from '../../core/run/run.js';
import { BlockKitLimit } from './block-kit-limits.js';
import { blocksTextLength, contextBlock, headerBlock, sectionBlock } from './blocks.js';
import { escapeMrkdwn, inlineCode, mention } from './escape-mrkdwn.js';
import { packLines } from './pack-lines.js';
import { plural } from './plural.js';
import { runStatusCue } from './run-status-cue.js';
import { slackDate } from './slack-date.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

/** A run as the history lists it (historyEntry(run) makes one). */
export interface RunHistoryEntry {
  id: string;
  runbook: string;
  /** Slack user id of who asked for it. */
  requester: string;
  status: RunStatus;
  /** ISO timestamp. */
  createdAt: string;
  counts: Record<ChildPhase, number>;
}

export interface RunHistory {
  /** The filter as typed (`AWS-RestartEC2Instance`, `@alice`, `payments-prod`), if any. */
  filter?: string;
  /** Newest first, as the store lists them. */
  runs: RunHistoryEntry[];
}

export function historyEntry(run: Run): RunHistoryEntry {
  return {
    id: run.id,
    runbook: run.runbook.name,
    requester: run.requester.userId,
    status: run.status,
    createdAt: run.createdAt,
    counts: rollUpRun(run).counts,
  };
}

/** A change request without a run, listed among the runs under its change id. */
export function changeHistoryEntry(change: StoredChange): RunHistoryEntry {
  const { request, run } = change;
  const closed = { rejected: 'rejected', expired: 'expired', withdrawn: 'withdrawn' } as const;
  return {
    id: request.id,
    runbook: run.plan.runbook.name,
    requester: request.requester,
    status: request.status in closed ? closed[request.status as keyof typeof closed] : 'awaiting-approval',
    createdAt: request.createdAt,
    counts: {
      queued: run.plan.targets.length,
      running: 0,
      succeeded: 0,
      failed: 0,
      cancelled: 0,
      skipped: 0,
    },
  };
}

const SHOWN_RUNS = 100;

/**
 * `:large_green_circle: `run-7k3m9q2x` `AWS-RestartEC2Instance` · <@U…> · <date> · 4/4 succeeded` per run, in
 * the order given; an empty history says what it looked for.
 */
export function renderRunHistory(history: RunHistory): SlackMessage {
  const scope = history.filter === undefined ? '' : ` matching ${inlineCode(history.filter)}`;
  if (history.runs.length === 0) {
    const text = `No runs${scope} yet.`;
    return slackMessage(text, [
      sectionBlock(`:mag: ${text}`),
      contextBlock(
        `Start one with ${inlineCode('/ssm run <runbook>')}; ${inlineCode('/ssm help history')} lists the filters.`,
      ),
    ]);
  }
  const title = history.filter === undefined ? 'Recent runs' : `Recent runs matching ${history.filter}`;
  const fixed: KnownBlock[] = [
    headerBlock(title),
    contextBlock(`Newest first. ${inlineCode('/ssm status <run-id>')} shows every execution of a run.`),
  ];
  const { blocks: list } = packLines(history.runs.map(historyLine), {
    maxBlocks: BlockKitLimit.messageBlocks - fixed.length,
    maxChars: BlockKitLimit.messageText - blocksTextLength(fixed),
    maxLines: SHOWN_RUNS,
    more: (hidden) =>
      `…and ${plural(hidden, 'more run')}: narrow it with a filter or ${inlineCode('--limit')}`,
  });
  return slackMessage(`${escapeMrkdwn(title)}: ${plural(history.runs.length, 'run')}`, [
    fixed[0]!,
    ...list,
    fixed[1]!,
  ]);
}

function historyLine(entry: RunHistoryEntry): string {
  const cue = runStatusCue(entry.status);
  const total = Object.values(entry.counts).reduce((sum, count) => sum + count, 0);
  const tally =
    total === 0
      ? cue.label
      : `${cue.label}, ${entry.counts.succeeded}/${total} succeeded${entry.counts.failed > 0 ? `, ${entry.counts.failed} failed` : ''}`;
  return [
    `${cue.emoji} ${inlineCode(entry.id)} ${inlineCode(entry.runbook)}`,
    mention(entry.requester),
    slackDate(entry.createdAt),
    tally,
  ].join(' · ');
}
