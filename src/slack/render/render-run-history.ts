// `/ssm history`: recent runs and change requests that have not run, newest first, one line each.
import type { KnownBlock } from '@slack/types';
import type { ChangeStatus } from '../../core/approval/change-request.js';
import type { StoredChange } from '../../core/approval/stored-change.js';
import type { ChildPhase } from '../../core/run/roll-up-run.js';
import type { RunStatus } from '../../core/run/run.js';
import { countByPhase, type RunOverview } from '../../core/run/run-overview.js';
import { BlockKitLimit } from './block-kit-limits.js';
import { blocksTextLength, contextBlock, headerBlock, sectionBlock } from './blocks.js';
import { escapeMrkdwn, inlineCode, mention } from './escape-mrkdwn.js';
import { packLines } from './pack-lines.js';
import { plural } from './plural.js';
import { runStatusCue } from './run-status-cue.js';
import { slackDate } from './slack-date.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

/** A run, or a change request that has not started one, as the history lists it. */
export type RunHistoryEntry =
  | {
      kind: 'run';
      id: string;
      runbook: string;
      /** Slack user id of who asked for it. */
      requester: string;
      status: RunStatus;
      /** ISO timestamp. */
      createdAt: string;
      counts: Record<ChildPhase, number>;
    }
  | {
      kind: 'change';
      id: string;
      runbook: string;
      requester: string;
      status: ChangeStatus;
      createdAt: string;
      /** How many targets it would run on. */
      targets: number;
    };

export interface RunHistory {
  /** The filter as typed (`AWS-RestartEC2Instance`, `@alice`, `payments-prod`), if any. */
  filter?: string;
  /** Newest first, as the use case lists them. */
  entries: RunHistoryEntry[];
}

export function historyEntry(run: RunOverview): RunHistoryEntry {
  return {
    kind: 'run',
    id: run.id,
    runbook: run.runbook.name,
    requester: run.requester.userId,
    status: run.status,
    createdAt: run.createdAt,
    counts: countByPhase(run.childCounts),
  };
}

/** A change request without a run, listed among the runs under its change id with its own status. */
export function changeHistoryEntry(change: StoredChange): RunHistoryEntry {
  const { request, run } = change;
  return {
    kind: 'change',
    id: request.id,
    runbook: run.plan.runbook.name,
    requester: request.requester,
    status: request.status,
    createdAt: request.createdAt,
    targets: run.plan.targets.length,
  };
}

/** How a change that has not run looks in the history: its own state, not a run's. */
const CHANGE_CUES: Record<ChangeStatus, { emoji: string; label: string }> = {
  pending: { emoji: ':large_yellow_circle:', label: 'Awaiting approval' },
  scheduled: { emoji: ':large_yellow_circle:', label: 'Approved, scheduled' },
  held: { emoji: ':large_yellow_circle:', label: 'Approved, held by a change calendar' },
  approved: { emoji: ':large_yellow_circle:', label: 'Approved, starting' },
  started: { emoji: ':large_yellow_circle:', label: 'Started' },
  rejected: { emoji: ':red_circle:', label: 'Rejected' },
  withdrawn: { emoji: ':white_circle:', label: 'Withdrawn' },
  expired: { emoji: ':white_circle:', label: 'Expired' },
};

const SHOWN_RUNS = 100;

/**
 * `:large_green_circle: `run-7k3m9q2x` `AWS-RestartEC2Instance` · <@U…> · <date> · 4/4 succeeded` per run (a
 * change: its id, its change status and how many targets), in the order given; an empty history says what it
 * looked for.
 */
export function renderRunHistory(history: RunHistory): SlackMessage {
  const scope = history.filter === undefined ? '' : ` matching ${inlineCode(history.filter)}`;
  if (history.entries.length === 0) {
    const text = `No runs${scope} yet.`;
    return slackMessage(text, [
      sectionBlock(`:mag: ${text}`),
      contextBlock(
        `Start one with ${inlineCode('/ssm run <runbook>')}; ${inlineCode('/ssm help history')} lists the filters.`,
      ),
    ]);
  }
  const title = history.filter === undefined ? 'Recent runs' : `Recent runs matching ${history.filter}`;
  const changes = history.entries.filter((entry) => entry.kind === 'change').length;
  const fixed: KnownBlock[] = [
    headerBlock(title),
    contextBlock(
      changes === 0
        ? `Newest first. ${inlineCode('/ssm status <run-id>')} shows every execution of a run.`
        : `Newest first. ${inlineCode('/ssm status <id>')} shows every execution of a run, or a change request and its timeline.`,
    ),
  ];
  const { blocks: list } = packLines(history.entries.map(historyLine), {
    maxBlocks: BlockKitLimit.messageBlocks - fixed.length,
    maxChars: BlockKitLimit.messageText - blocksTextLength(fixed),
    maxLines: SHOWN_RUNS,
    more: (hidden) =>
      `…and ${plural(hidden, 'more run')}: narrow it with a filter or ${inlineCode('--limit')}`,
  });
  const runs = history.entries.length - changes;
  const counted = [
    ...(runs > 0 ? [plural(runs, 'run')] : []),
    ...(changes > 0 ? [plural(changes, 'change request')] : []),
  ];
  return slackMessage(`${escapeMrkdwn(title)}: ${counted.join(', ')}`, [fixed[0]!, ...list, fixed[1]!]);
}

function historyLine(entry: RunHistoryEntry): string {
  const { cue, tally } = entry.kind === 'run' ? runTally(entry) : changeTally(entry);
  return [
    `${cue.emoji} ${inlineCode(entry.id)} ${inlineCode(entry.runbook)}`,
    mention(entry.requester),
    slackDate(entry.createdAt),
    tally,
  ].join(' · ');
}

function runTally(entry: Extract<RunHistoryEntry, { kind: 'run' }>) {
  const cue = runStatusCue(entry.status);
  const total = Object.values(entry.counts).reduce((sum, count) => sum + count, 0);
  const tally =
    total === 0
      ? cue.label
      : `${cue.label}, ${entry.counts.succeeded}/${total} succeeded${entry.counts.failed > 0 ? `, ${entry.counts.failed} failed` : ''}`;
  return { cue, tally };
}

function changeTally(entry: Extract<RunHistoryEntry, { kind: 'change' }>) {
  const cue = CHANGE_CUES[entry.status];
  return { cue, tally: `${cue.label}, ${plural(entry.targets, 'target')}` };
}
