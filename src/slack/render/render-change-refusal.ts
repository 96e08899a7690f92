// The answers, for the clicker or the requester alone, when a change request refuses an event or a request.
import type { ChangeRefusal } from '../../core/approval/change-event.js';
import type { ChangeRequestRefusal } from '../../core/approval/change-request-refusal.js';
import type { WindowProblem } from '../../core/approval/change-window.js';
import { sectionBlock } from './blocks.js';
import { describeClosedCalendars } from './describe-closed-calendars.js';
import { inlineCode } from './escape-mrkdwn.js';
import { formatDuration } from './format-duration.js';
import { mentionApprovers } from './mention-approvers.js';
import { levelName } from './render-change-note.js';
import { slackDate } from './slack-date.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

/** A click on a change that no longer exists. */
export type MissingChange = { code: 'not-found'; changeId: string };

/** "level 1 (SRE leads)", counting from 1 as people do. */
const levelLabel = (level: { index: number; name?: string }) =>
  `level ${level.index + 1}${level.name ? ` (${levelName(level)})` : ''}`;

/** Why an Approve, Reject or Withdraw click (or the expiry, the calendar, the start) changed nothing. */
export function changeRefusalText(refusal: ChangeRefusal | MissingChange): string {
  switch (refusal.code) {
    case 'not-found':
      return `There is no change ${inlineCode(refusal.changeId)}.`;
    case 'expired':
      return refusal.whileHeld
        ? `This change expired at ${slackDate(refusal.expiresAt)} while it was held.`
        : `This change expired at ${slackDate(refusal.expiresAt)}: ask for it again if it is still needed.`;
    case 'not-pending':
      return notPending(refusal);
    case 'self-approval':
      return `You cannot approve your own change: ${inlineCode(refusal.template)} needs someone else.`;
    case 'self-rejection':
      return 'You cannot reject your own change: withdraw it instead.';
    case 'already-voted':
      return `You already approved this change at ${levelLabel(refusal.level)}: one person has one vote.`;
    case 'level-removed':
      return `${inlineCode(refusal.template)} no longer has a level ${refusal.level.index + 1}: the requester should withdraw this change and ask again.`;
    case 'not-eligible': {
      const hint = refusal.laterLevel
        ? ` You approve at ${levelLabel(refusal.laterLevel)}, which is asked once ${levelLabel(refusal.level)} is satisfied.`
        : '';
      return `This change is waiting for ${levelLabel(refusal.level)}, which ${mentionApprovers(refusal.approvers)} may approve; you are not one of them.${hint}`;
    }
    case 'reason-required':
      return `Rejecting a ${inlineCode(refusal.template)} change needs a reason: say why.`;
    case 'not-requester':
      return `Only the requester, <@${refusal.requester}>, can withdraw this change.`;
    case 'not-withdrawable':
      return refusal.status === 'started'
        ? 'This change cannot be withdrawn: it has already started: cancel the run instead.'
        : `This change cannot be withdrawn: it is already ${refusal.status}.`;
    case 'not-due':
      return `This change is not due to expire yet: it expires at ${slackDate(refusal.expiresAt)}.`;
    case 'nothing-to-do':
      return `The calendar being ${refusal.calendar} changes nothing for this change (it is ${refusal.status}).`;
    case 'held':
      return `This change is held: ${describeClosedCalendars(refusal.calendars, true)}.`;
    case 'not-approved':
      return `This change cannot start: it is ${refusal.status}, not approved.`;
    case 'already-started':
      return `This change has already started${refusal.runId ? ` (run ${refusal.runId})` : ''}.`;
    case 'not-started':
      return `This change has not started (it is ${refusal.status}).`;
    case 'already-ended':
      return 'The run of this change has already ended.';
    case 'window-not-open':
      return `This change is scheduled: its window opens ${slackDate(refusal.startAt)}.`;
    case 'not-scheduled':
      return `This change is not waiting for a window (it is ${refusal.status}).`;
  }
}

function notPending(refusal: Extract<ChangeRefusal, { code: 'not-pending' }>): string {
  switch (refusal.status) {
    case 'approved':
      return 'This change is already approved: there is nothing left to vote on.';
    case 'held':
      return 'This change is already approved and waits for its calendar: there is nothing left to vote on.';
    case 'scheduled':
      return 'This change is already approved and waits for its window: there is nothing left to vote on.';
    case 'started':
      return 'This change has already started: there is nothing left to vote on.';
    case 'rejected':
      return refusal.rejectedBy
        ? `This change was rejected by <@${refusal.rejectedBy}>.`
        : 'This change was rejected.';
    case 'withdrawn':
      return 'This change was withdrawn by its requester.';
    default:
      return `This change is ${refusal.status}: there is nothing to vote on.`;
  }
}

/** Why a governed run did not become a change request; nothing was stored. */
export function changeRequestRefusalText(refusal: ChangeRequestRefusal): string {
  switch (refusal.code) {
    case 'emergency-not-allowed':
      return refusal.allowed
        ? `You may not raise an emergency change under ${inlineCode(refusal.template)}: ask ${mentionApprovers(refusal.allowed)}, or request a normal change.`
        : `Changes under ${inlineCode(refusal.template)} have no emergency procedure: request a normal change.`;
    case 'calendar-closed': {
      const fallback = refusal.mayRaiseEmergency
        ? ' If this cannot wait, you may raise it as an emergency change.'
        : ' Try again once it opens.';
      return `${describeClosedCalendars(refusal.calendars)}, so ${inlineCode(refusal.template)} changes cannot start now.${fallback}`;
    }
    case 'reason-required':
      return `Changes under ${inlineCode(refusal.template)} need a reason: say why this run is needed.`;
    case 'no-approvals-channel':
      return `The change template ${inlineCode(refusal.template)} names no approvals channel and slack.channels.approvals is not set, so nobody could approve this change. Ask an administrator to set one.`;
    case 'locked': {
      const who = refusal.holderRequester ? ` by <@${refusal.holderRequester}>` : '';
      return `${inlineCode(refusal.runbook)} is locked on some of these targets by change ${inlineCode(refusal.holder)}${who}, which is approved or running. Try again once it has ended (${inlineCode(`/ssm status ${refusal.holder}`)}).`;
    }
    case 'several-templates': {
      const names = refusal.templates.map(inlineCode).join(' and ');
      return `This run falls under several change templates (${names}), each with its own approvers. Split it into one run per template, e.g. by account or region.`;
    }
    case 'emergency-not-governed':
      return 'No change template governs this run, so there is nothing to raise as an emergency: drop `--emergency`.';
    case 'schedule-not-governed':
      return 'Only changes can be scheduled: this run needs no approval, so `--start-at` and `--end-by` have nothing to hold. Drop them and run it when it is due.';
    case 'window-invalid':
      return windowProblemText(refusal.problem);
    case 'window-too-long':
      return `${inlineCode(refusal.template)} changes may wait at most ${formatDuration(refusal.expiresAfterMs)}, so the window must ${'end'} by ${slackDate(refusal.latest)}. Ask for a sooner window (\`--end-by\`, \`--start-at\`).`;
  }
}

function windowProblemText(problem: WindowProblem): string {
  switch (problem.code) {
    case 'in-the-past':
      return `\`--${problem.flag}\` is in the past (${slackDate(problem.at)}): give a later time, e.g. \`in 2h\`.`;
    case 'ends-before-start':
      return `\`--end-by\` (${slackDate(problem.endBy)}) must be after \`--start-at\` (${slackDate(problem.startAt)}).`;
  }
}

export function renderChangeRefusal(refusal: ChangeRefusal | MissingChange): SlackMessage {
  const text = `:no_entry: ${changeRefusalText(refusal)}`;
  return slackMessage(text, [sectionBlock(text)]);
}

export function renderChangeRequestRefusal(refusal: ChangeRequestRefusal): SlackMessage {
  const text = `:no_entry: ${changeRequestRefusalText(refusal)}`;
  return slackMessage(text, [sectionBlock(text)]);
}

/** The Reject modal's field error (plain text, as Slack shows field errors) when the reason is empty. */
export const rejectionReasonError = (template: string): string =>
  `Rejecting a ${template} change needs a reason: say why.`;
