// The sentences of a change request's thread, one per note (votes, rejection, holds, the start and the end).
import type { LevelRef, RunEnding } from '../../core/approval/change-event.js';
import type { ChangeNote } from '../../core/approval/change-note.js';
import { sectionBlock } from './blocks.js';
import { describeClosedCalendars } from './describe-closed-calendars.js';
import { escapeMrkdwn, inlineCode } from './escape-mrkdwn.js';
import { plural } from './plural.js';
import { runStatusCue } from './run-status-cue.js';
import { slackDate, slackFromNow } from './slack-date.js';
import { type SlackMessage, slackMessage } from './slack-message.js';

/** "SRE leads", or "level 2" when the level has no name. */
export const levelName = (level: LevelRef): string => escapeMrkdwn(level.name ?? `level ${level.index + 1}`);

/** `runLink`: the permalink of the run's message, for the note that says how the run ended. */
export function changeNoteText(note: ChangeNote, runLink?: string): string {
  switch (note.kind) {
    case 'vote-recorded':
      return `:white_check_mark: <@${note.by}> approved (${levelName(note.level)}: ${note.votes} of ${note.required}).`;
    case 'level-approved':
      return `:white_check_mark: <@${note.by}> approved; ${levelName(note.satisfied)} is satisfied. Now asking ${levelName(note.next)}.`;
    case 'approved':
      return note.by
        ? `:white_check_mark: <@${note.by}> approved; every level is satisfied. Starting.`
        : ':white_check_mark: Approved without votes. Starting.';
    case 'rejected':
      return `:x: <@${note.by}> rejected this change${note.reason ? `: ${escapeMrkdwn(note.reason)}` : '.'}`;
    case 'withdrawn':
      return `:leftwards_arrow_with_hook: <@${note.by}> withdrew this change.`;
    case 'expired':
      return note.windowEnded
        ? ':hourglass: This change expired: its window ended before it could start; nothing was started.'
        : ':hourglass: This change expired before it was approved; nothing was started.';
    case 'scheduled':
      return `:calendar: ${note.by ? `<@${note.by}> approved; every level is satisfied` : 'Approved without votes'}. ${windowText(note)}; its locks are held until then.`;
    case 'window-opened':
      return ':alarm_clock: The window is open. Starting.';
    case 'held':
      return `:no_entry: Held: ${describeClosedCalendars(note.calendars, true)}. It starts when the calendar opens, unless it expires first (${slackDate(note.expiresAt)}).`;
    case 'released':
      return ':unlock: The change calendar is OPEN again. Starting.';
    case 'run-ended':
      return note.ending
        ? `${runEndingText(note.runId, note.ending, runLink)} This change is over; its locks are released.`
        : `:checkered_flag: ${note.runId} ended; its locks are released.`;
    case 'waits-for-lock':
      return `:hourglass: Another change, ${inlineCode(note.holder)}, holds ${escapeMrkdwn(note.runbook)} on some of these targets; this one starts after it ends.`;
    case 'approved-waiting-for-lock':
      return `:lock: Approved, and waiting: change ${inlineCode(note.holder)} holds ${escapeMrkdwn(note.runbook)} on some of these targets. This change starts once it has ended.`;
    case 'run-channel-unavailable':
      return `:warning: Approved, but ssm-chatops cannot post in <#${note.channelId}>, where the run was asked for, so nothing has started. Invite it there (\`/invite @ssm-chatops\`) and the run starts within a minute; if it still cannot post there by ${slackDate(note.until)}, this change expires.`;
    case 'start-lapsed':
      return `:hourglass: This change expired without starting: ssm-chatops still cannot post in <#${note.channelId}>. Its locks are released; ask again from a channel the bot is in.`;
    case 'run-started':
      return `:rocket: Started *${note.runId}* in <#${note.channelId}>; its thread follows every account and region.`;
  }
}

/** "Scheduled: starts <date> (in 2 hours), must start by <date>", as the card and the notes say it. */
export function windowText(window: { startAt: string; endBy?: string }): string {
  return `Scheduled: starts ${slackDate(window.startAt)} (${slackFromNow(window.startAt)})${window.endBy ? `, must start by ${slackDate(window.endBy)}` : ''}`;
}

/** ":red_circle: *run-…* in #ops: Completed with errors, 5 of 6 targets succeeded." */
function runEndingText(runId: string, ending: RunEnding, runLink: string | undefined): string {
  const { emoji, label } = runStatusCue(ending.status);
  const targets =
    ending.status === 'succeeded'
      ? `${label} on ${plural(ending.total, 'target')}`
      : `${label}: ${ending.succeeded} of ${plural(ending.total, 'target')} succeeded`;
  const run = runLink ? `*<${runLink}|${runId}>*` : `*${runId}*`;
  return `${emoji} ${run} in <#${ending.channelId}> ended. ${targets}.`;
}

/**
 * The note as a thread reply; `requester` is mentioned first when given, so Slack notifies them (an edit of the
 * request message or of the pointer would not: Slack notifies a mention only when a message is posted).
 */
export function renderChangeNote(
  note: ChangeNote,
  options: { requester?: string; runLink?: string } = {},
): SlackMessage {
  const text = `${options.requester ? `<@${options.requester}> ` : ''}${changeNoteText(note, options.runLink)}`;
  return slackMessage(text, [sectionBlock(text)]);
}
