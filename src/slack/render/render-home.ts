// The App Home tab: one person's changes to approve, their own changes and runs, recent failures and calendars.
import type { KnownBlock } from '@slack/types';
import type { Home, HomeCalendar, HomeChange, HomeRun } from '../../use-cases/describe-home.js';
import { ActionId, BlockId } from '../ids.js';
import { BlockKitLimit, capBlocks, truncate } from './block-kit-limits.js';
import { actionsBlock, button, contextBlock, dividerBlock, headerBlock, sectionBlock } from './blocks.js';
import { escapeMrkdwn, inlineCode, mention } from './escape-mrkdwn.js';
import { plural } from './plural.js';
import { progressBar } from './progress-bar.js';
import { windowText } from './render-change-note.js';
import { runStatusCue } from './run-status-cue.js';
import { slackDate } from './slack-date.js';

export interface HomeScreen {
  home: Home;
  /** The compliance card's blocks (render-compliance-card.ts), when the bot reads compliance. */
  complianceCard?: KnownBlock[];
  /** ISO 8601: when it was read, so a reader can tell a stale Home from a fresh one. */
  readAt: string;
  /**
   * A line for this person alone, shown on top (why a click from the Home changed nothing): mrkdwn, written
   * by the renderer that explains it.
   */
  notice?: string;
}

/** The `home` view views.publish takes. */
export interface HomeTabView {
  type: 'home';
  blocks: KnownBlock[];
}

/** Block Kit allows a view 100 blocks; each list is capped well within that. */
export function renderHome({ home, readAt, notice, complianceCard }: HomeScreen): HomeTabView {
  const blocks: KnownBlock[] = [
    ...(notice ? [sectionBlock(truncate(`:warning: ${notice}`, BlockKitLimit.sectionText))] : []),
    actionsBlock(BlockId.homeActions, [
      button({ actionId: ActionId.homeRunRunbook, text: 'Run a runbook', style: 'primary' }),
      button({ actionId: ActionId.homeHistory, text: 'History' }),
    ]),
    contextBlock(`Updated ${slackDate(readAt)}. It refreshes when something here changes.`),
    headerBlock('Waiting for your approval'),
    ...approvalsBlocks(home.awaitingMyApproval),
    dividerBlock(),
    headerBlock('Your change requests'),
    ...listBlocks(home.myChanges.map(changeLine), 'You have no open change requests.'),
    headerBlock('Your runs in progress'),
    ...listBlocks(home.myRunningRuns.map(runningLine), 'You have no runs in progress.'),
    headerBlock('Recent failures'),
    ...listBlocks(home.recentFailures.map(failureLine), 'No failed runs lately.'),
    ...(home.calendars.length === 0
      ? []
      : [headerBlock('Change calendars'), ...listBlocks(home.calendars.map(calendarLine), '')]),
    ...(complianceCard ? [dividerBlock(), ...complianceCard] : []),
  ];
  return {
    type: 'home',
    blocks: capBlocks(blocks, BlockKitLimit.viewBlocks, '`/ssm history` lists every run'),
  };
}

/** Changes shown with their buttons at most: two blocks each, within the view's 100 and its text budget. */
const SHOWN_APPROVALS = 20;

function approvalsBlocks(changes: HomeChange[]): KnownBlock[] {
  if (changes.length === 0) return [contextBlock('Nothing is waiting for you.')];
  const hidden = changes.length - SHOWN_APPROVALS;
  return [
    ...changes.slice(0, SHOWN_APPROVALS).flatMap(approvalBlocks),
    ...(hidden > 0
      ? [
          contextBlock(
            `…and ${hidden} more waiting for you: approve these first, or see the approvals channel.`,
          ),
        ]
      : []),
  ];
}

/** A change to approve: what, who, how many targets, which level, the reason, and its two buttons. */
function approvalBlocks(change: HomeChange): KnownBlock[] {
  const facts = [
    `${inlineCode(change.id)} ${inlineCode(change.runbook)}`,
    `requested by ${mention(change.requester)}`,
    plural(change.targets, 'target'),
    ...(change.level ? [`asking ${escapeMrkdwn(change.level)}`] : []),
    ...(change.window ? [windowText(change.window)] : []),
    `expires ${slackDate(change.expiresAt)}`,
  ].join(' · ');
  const reason = change.reason ? `\n>${escapeMrkdwn(change.reason)}` : '';
  return [
    sectionBlock(truncate(`:large_yellow_circle: ${facts}${reason}`, BlockKitLimit.sectionText)),
    actionsBlock(BlockId.homeChangeActions(change.id), [
      button({ actionId: ActionId.approveChange, text: 'Approve', style: 'primary', value: change.id }),
      button({ actionId: ActionId.rejectChange, text: 'Reject', style: 'danger', value: change.id }),
    ]),
  ];
}

/** Lines in one section (each list is short: see HOME_SHOWN), or the empty state in a context block. */
function listBlocks(lines: string[], empty: string): KnownBlock[] {
  if (lines.length === 0) return empty ? [contextBlock(empty)] : [];
  return [sectionBlock(truncate(lines.join('\n'), BlockKitLimit.sectionText))];
}

const CHANGE_LABEL: Record<HomeChange['status'], string> = {
  pending: 'Awaiting approval',
  scheduled: 'Approved, scheduled',
  held: 'Approved, held by a change calendar',
  approved: 'Approved, starting',
  started: 'Started',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
};

function changeLine(change: HomeChange): string {
  return [
    `${inlineCode(change.id)} ${inlineCode(change.runbook)}`,
    CHANGE_LABEL[change.status] + (change.level ? ` (${escapeMrkdwn(change.level)})` : ''),
    plural(change.targets, 'target'),
    ...(change.window ? [windowText(change.window)] : []),
    `expires ${slackDate(change.expiresAt)}`,
  ].join(' · ');
}

function runningLine(run: HomeRun): string {
  const done = run.counts.succeeded + run.counts.failed + run.counts.cancelled + run.counts.skipped;
  const progress =
    run.total === 0 ? 'starting' : `${progressBar(done / run.total)} · ${done} of ${run.total} done`;
  const failed = run.counts.failed > 0 ? ` · ${run.counts.failed} failed` : '';
  return `${runStatusCue(run.status).emoji} ${inlineCode(run.id)} ${inlineCode(run.runbook)} · ${progress}${failed} · <#${run.channelId}>`;
}

function failureLine(run: HomeRun): string {
  const cue = runStatusCue(run.status);
  return [
    `${cue.emoji} ${inlineCode(run.id)} ${inlineCode(run.runbook)}`,
    `${cue.label}, ${run.counts.failed} of ${run.total} failed`,
    `by ${mention(run.requester)}`,
    slackDate(run.updatedAt),
    `<#${run.channelId}>`,
  ].join(' · ');
}

function calendarLine(calendar: HomeCalendar): string {
  const name = `*${escapeMrkdwn(calendar.calendar)}*`;
  if (calendar.state === 'unknown') return `:grey_question: ${name} could not be read just now`;
  const next = calendar.nextTransitionAt
    ? ` until ${slackDate(calendar.nextTransitionAt)}`
    : ' with no change ahead';
  return calendar.state === 'OPEN'
    ? `:large_green_circle: ${name} is open${next}`
    : `:red_circle: ${name} is closed${next}`;
}
