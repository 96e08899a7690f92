// A large run's thread reply for one region and page of accounts: a count line and a table with a row per
// account (its state, the failed step, the time taken and a console link), edited in place as the run goes.
import type { RichTextBlock, TableBlock } from '@slack/types';
import { childPhase, rollUpRun } from '../../core/run/roll-up-run.js';
import type { ChildExecution } from '../../core/run/run.js';
import type { ThreadGroup } from '../../core/run/thread-layout.js';
import { truncate } from './block-kit-limits.js';
import { contextBlock, sectionBlock } from './blocks.js';
import { escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { executionConsoleUrl } from './execution-console-url.js';
import { durationBetween, formatDuration } from './format-duration.js';
import { childStatusLabel, PHASE_EMOJI, PHASES, phaseCounts } from './run-status-cue.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

const HEADER = ['Account', 'Account id', 'Status', 'Step or reason', 'Took', 'Execution'] as const;
const NOTE_LENGTH = 60;
const NAME_LENGTH = 50;

/** `` `us-east-1` · accounts 1–50 of 120 ``, the counts per phase, then the table. */
export function renderGroupReply(group: ThreadGroup): SlackMessage {
  const last = group.first + group.children.length - 1;
  const range =
    group.pages === 1
      ? `${group.regionTotal} ${group.regionTotal === 1 ? 'account' : 'accounts'}`
      : `accounts ${group.first}–${last} of ${group.regionTotal}`;
  const { counts } = rollUpRun({ children: group.children, status: 'running' });
  const failed = group.children.some((child) => childPhase(child.status) === 'failed');
  const blocks = [
    sectionBlock(`${inlineCode(group.region)} · ${range}\n${phaseCounts(counts)}`),
    accountTable(group.children),
    ...(failed
      ? [contextBlock('Each failure has its own reply in this thread, with its step and message.')]
      : []),
  ];
  const plainCounts = PHASES.filter((phase) => counts[phase] > 0)
    .map((phase) => `${counts[phase]} ${phase}`)
    .join(', ');
  return slackMessage(`${escapeMrkdwn(group.region)}, ${range}: ${plainCounts}`, blocks);
}

function accountTable(children: readonly ChildExecution[]): TableBlock {
  return {
    type: 'table',
    column_settings: [{ is_wrapped: true }, {}, {}, { is_wrapped: true }, { align: 'right' }],
    rows: [HEADER.map((title) => textCell(title)), ...children.map(accountRow)],
  };
}

function accountRow(child: ChildExecution): RichTextBlock[] {
  const duration = durationBetween(child.startedAt, child.endedAt);
  const url = child.executionId ? executionConsoleUrl(child.executionId, child.region) : undefined;
  return [
    textCell(truncate(child.accountName, NAME_LENGTH)),
    textCell(child.accountId),
    statusCell(child),
    textCell(truncate(failedAt(child) ?? runningAt(child) ?? '–', NOTE_LENGTH)),
    textCell(duration === undefined ? '–' : formatDuration(duration)),
    url ? linkCell('open', url) : textCell(child.executionId ? 'started' : 'not started'),
  ];
}

/** The failed step's name, or the reason the execution failed or never started. */
function failedAt(child: ChildExecution): string | undefined {
  if (childPhase(child.status) !== 'failed' && child.status !== 'Skipped') return undefined;
  const step = child.steps?.find((candidate) => childPhase(candidate.status) === 'failed');
  return step?.name ?? child.failure?.reason;
}

/** The step a running child is at, so a table edited while the run goes shows where each account is. */
function runningAt(child: ChildExecution): string | undefined {
  return childPhase(child.status) === 'running' ? child.currentStep : undefined;
}

/** Table cells hold rich text: plain characters, never parsed as mrkdwn, so account names need no escaping. */
function textCell(text: string): RichTextBlock {
  return {
    type: 'rich_text',
    elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: text || '–' }] }],
  };
}

function statusCell(child: ChildExecution): RichTextBlock {
  const emoji = PHASE_EMOJI[childPhase(child.status)].slice(1, -1);
  return {
    type: 'rich_text',
    elements: [
      {
        type: 'rich_text_section',
        elements: [
          { type: 'emoji', name: emoji },
          { type: 'text', text: ` ${childStatusLabel(child.status)}` },
        ],
      },
    ],
  };
}

function linkCell(text: string, url: string): RichTextBlock {
  return {
    type: 'rich_text',
    elements: [{ type: 'rich_text_section', elements: [{ type: 'link', url, text }] }],
  };
}
