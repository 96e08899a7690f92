// The ephemeral answer to a run request: what was wrong, the preview, or where the run started.
import { RUN_USAGE } from '../../core/command/ssm-command.js';
import type { ConfirmRunDraftResult } from '../../use-cases/confirm-run-draft.js';
import { describeClosedCalendars } from '../render/describe-closed-calendars.js';
import { plural } from '../render/plural.js';
import { windowText } from '../render/render-change-note.js';
import { renderChangeRequestRefusal } from '../render/render-change-refusal.js';
import { renderDenial } from '../render/render-denial.js';
import { renderProblems } from '../render/render-problems.js';
import { renderRunPreview } from '../render/render-run-preview.js';
import { type SlackMessage, sectionMessage } from '../render/slack-message.js';
import { missingPieceMessage } from './missing-piece-message.js';

export function replyToRunRequest(result: ConfirmRunDraftResult): SlackMessage {
  switch (result.kind) {
    case 'unknown-runbook':
      return renderProblems({
        title: `Can't run ${result.name}`,
        problems: [
          {
            message: `There is no runbook \`${result.name}\` that you may run.`,
            suggestions: result.suggestions,
          },
        ],
        usage: RUN_USAGE,
        help: '/ssm list',
        helpShows: 'the runbooks you may run',
      });
    case 'invalid':
      return renderProblems({
        title: `Can't run ${result.runbook.name}`,
        problems: [...result.parameterProblems, ...result.targetProblems],
        usage: RUN_USAGE,
      });
    case 'incomplete':
      return renderProblems({
        title: result.runbook ? `${result.runbook.name} needs more` : 'Which runbook?',
        problems: result.missing.map((piece) => ({ message: missingPieceMessage(piece) })),
        usage: RUN_USAGE,
      });
    case 'denied':
      return renderDenial({ runbook: result.runbook.name, denials: result.denials });
    case 'preview':
      return renderRunPreview(result.plan, 'dry-run', result.readiness);
    case 'change-requested': {
      const { request, slack } = result.change;
      const where = `<#${slack.approvalsChannel}>`;
      const window = request.window ? ` ${windowText(request.window)}.` : '';
      const text =
        request.status === 'scheduled'
          ? `:calendar: Change \`${request.id}\` was approved at once (a standard change).${window} Nothing starts before then; \`/ssm status ${request.id}\` follows it.`
          : request.status === 'started'
            ? `:rocket: Change \`${request.id}\` was approved at once (a standard change) and started *${request.runId}*.`
            : request.status === 'held'
              ? `:no_entry: Change \`${request.id}\` is approved but held: ${describeClosedCalendars(request.calendar?.calendars ?? [], true)}.`
              : `:lock: This run needs approval under \`${request.template}\`: change request \`${request.id}\` is waiting in ${where}.${window} Nothing starts until it is approved; \`/ssm status ${request.id}\` follows it.`;
      return sectionMessage(text);
    }
    case 'channel-unavailable':
      return sectionMessage(
        `:no_entry: ssm-chatops cannot post in <#${result.channelId}> (Slack says \`${result.reason}\`), so nothing was started: a run's results go to the channel it was asked in. Invite it there with \`/invite @ssm-chatops\`, or run this from a channel it is in.`,
      );
    case 'change-refused':
      return renderChangeRequestRefusal(result.refusal);
    case 'started': {
      const follow =
        result.message === 'shown'
          ? "Follow it in the run's thread."
          : `Slack is busy, so its message will appear in this channel as soon as Slack allows; \`/ssm status ${result.run.id}\` follows it meanwhile.`;
      const text = `:rocket: Started *${result.run.id}*: ${result.run.runbook.name} on ${plural(result.run.children.length, 'target')}. ${follow}`;
      return sectionMessage(text);
    }
    case 'draft-expired': {
      const text = ':hourglass: That preview expired (previews last an hour). Run `/ssm run` again.';
      return sectionMessage(text);
    }
    case 'not-your-draft': {
      const text = ':no_entry: That preview belongs to someone else.';
      return sectionMessage(text);
    }
  }
}
