// A change request in the approvals channel: what would run where and why, who asked, the calendar, each
// level's votes, who is asked now, and Approve / Reject / Withdraw while it is open; its outcome once closed.

import type { KnownBlock } from '@slack/types';
import type { ChangeStatus } from '../../core/approval/change-request.js';
import type { ChangeTemplate } from '../../core/approval/change-template-schema.js';
import { eligibleApprovers } from '../../core/approval/eligible-approvers.js';
import type { StoredChange } from '../../core/approval/stored-change.js';
import { ActionId, BlockId } from '../ids.js';
import { actionsBlock, button, contextBlock, dividerBlock, headerBlock, sectionBlock } from './blocks.js';
import { describeClosedCalendars } from './describe-closed-calendars.js';
import { escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { mentionApprovers } from './mention-approvers.js';
import { plural } from './plural.js';
import { windowText } from './render-change-note.js';
import { renderPlanBlocks } from './render-run-preview.js';
import { slackDate } from './slack-date.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

const STATUS_LINE: Record<ChangeStatus, string> = {
  pending: ':hourglass_flowing_sand: *Waiting for approval*',
  scheduled: ':calendar: *Approved, scheduled*',
  approved: ':white_check_mark: *Approved*: starting',
  held: ':no_entry: *Approved, held*',
  started: ':rocket: *Approved and started*',
  rejected: ':x: *Rejected*',
  withdrawn: ':leftwards_arrow_with_hook: *Withdrawn*',
  expired: ':hourglass: *Expired*',
};

/** Blocks of the frame around the plan: header, status, levels, calendar, actions, context. */
const FRAME_BLOCKS = 7;
const FRAME_CHARS = 2500;

export function renderChangeRequest(change: StoredChange, template: ChangeTemplate): SlackMessage {
  const { request, run } = change;
  const title = `Change ${request.id}: ${run.plan.runbook.name}`;
  const blocks: KnownBlock[] = [
    headerBlock(`${request.emergency ? '🚨 Emergency change' : 'Change request'}: ${run.plan.runbook.name}`),
    sectionBlock(
      `${statusLine(change)}\n` +
        `${request.window && isOpen(request.status) ? `:calendar: ${windowText(request.window)}.\n` : ''}` +
        `<@${request.requester}> asks to run ${inlineCode(run.plan.runbook.name)} under template ${inlineCode(template.name)}` +
        ` in <#${run.channelId}>.`,
    ),
    ...renderPlanBlocks(run.plan, { blocks: FRAME_BLOCKS, chars: FRAME_CHARS }),
    dividerBlock(),
    sectionBlock(levelsText(change, template)),
  ];
  if (request.calendar) {
    const state = request.calendar.state === 'OPEN' ? ':large_green_circle: OPEN' : ':red_circle: CLOSED';
    blocks.push(
      contextBlock(
        `Change calendar ${request.calendar.calendars.map(inlineCode).join(', ')}: ${state}` +
          `${request.emergency ? ' · emergency change (flagged in the audit trail)' : ''}`,
      ),
    );
  }
  const actions = actionsFor(change);
  if (actions.length > 0) blocks.push(actionsBlock(BlockId.changeActions, actions));
  blocks.push(
    contextBlock(
      `${inlineCode(request.id)} · requested ${slackDate(request.createdAt)}` +
        `${isOpen(request.status) ? ` · expires ${slackDate(request.expiresAt)}` : ''}` +
        ` · ${inlineCode(`/ssm status ${request.id}`)} shows its timeline`,
    ),
  );
  return slackMessage(`${title} (${request.status})`, blocks);
}

const isOpen = (status: ChangeStatus) =>
  status === 'pending' || status === 'scheduled' || status === 'held' || status === 'approved';

function statusLine(change: StoredChange): string {
  const { request } = change;
  const base = STATUS_LINE[request.status];
  switch (request.status) {
    case 'scheduled':
      return `${base}: nothing runs before its window opens; its locks are held until then.`;
    case 'held':
      return `${base}: ${describeClosedCalendars(request.calendar?.calendars ?? [], true)}; it starts when the calendar opens, unless it expires first.`;
    case 'started':
      return `${base}: *${request.runId}*${request.endedAt ? ' (ended)' : ''}`;
    case 'rejected': {
      const reason = request.rejection?.reason ? `: ${escapeMrkdwn(request.rejection.reason)}` : '';
      return `${base} by <@${request.rejection?.by}>${reason}`;
    }
    default:
      return base;
  }
}

/** One line per level: its name, its votes so far, and whom it waits for when it is the level being asked. */
function levelsText(change: StoredChange, template: ChangeTemplate): string {
  const { request } = change;
  if (template.levels.length === 0) return '*Approvals*\nA standard change: approved without votes.';
  const lines = template.levels.map((level, index) => {
    const name = escapeMrkdwn(level.name ?? `Level ${index + 1}`);
    const votes = request.votes.filter((vote) => vote.level === index);
    const voters = votes.map((vote) => `<@${vote.userId}>`).join(', ');
    const count = `${votes.length}/${level.minApprovals}`;
    if (index < request.level) return `:white_check_mark: *${name}* ${count}: ${voters}`;
    if (index === request.level && request.status === 'pending') {
      const asked = mentionApprovers(eligibleApprovers(template, request));
      return `:arrow_right: *${name}* ${count}${voters ? `: ${voters}` : ''}. Waiting for ${asked}`;
    }
    return `:white_circle: *${name}* ${count}${voters ? `: ${voters}` : ''}`;
  });
  return `*Approvals* (levels in order${template.allowSelfApproval ? '' : '; the requester cannot approve'})\n${lines.join('\n')}`;
}

function actionsFor(change: StoredChange) {
  const { request } = change;
  const value = request.id;
  const withdraw = button({
    actionId: ActionId.withdrawChange,
    text: 'Withdraw',
    value,
    confirm: {
      title: 'Withdraw this change?',
      text: 'Only the requester can withdraw it. Nothing will run.',
      confirm: 'Withdraw',
      deny: 'Keep it',
    },
  });
  if (request.status === 'pending') {
    return [
      button({ actionId: ActionId.approveChange, text: 'Approve', style: 'primary', value }),
      button({ actionId: ActionId.rejectChange, text: 'Reject', style: 'danger', value }),
      withdraw,
    ];
  }
  if (request.status === 'held' || request.status === 'approved' || request.status === 'scheduled')
    return [withdraw];
  return [];
}

/** The pointer in the requester's channel: where the request is and how it stands. */
export function renderChangeLink(change: StoredChange): SlackMessage {
  const { request, run, slack } = change;
  const text =
    `:lock: <@${request.requester}> requested change ${inlineCode(request.id)}: ${inlineCode(run.plan.runbook.name)} ` +
    `on ${plural(run.plan.targets.length, 'target')}. ${STATUS_LINE[request.status]}` +
    `${request.status === 'pending' ? ` in <#${slack.approvalsChannel}>` : ''}` +
    `${request.status === 'started' && request.runId ? `: *${request.runId}*` : ''}.`;
  return slackMessage(text, [sectionBlock(text)]);
}
