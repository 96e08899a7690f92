// The buttons of a run's thread: Status (ephemeral detail), Stop (requester or operator), and Retry failed and
// Run again (anyone who may see the run, as themselves).
import type { App } from '@slack/bolt';
import { actOnRun } from '../../use-cases/act-on-run.js';
import { cancelRun } from '../../use-cases/cancel-run.js';
import { describeStatus } from '../../use-cases/describe-status.js';
import { resolveSubject } from '../../use-cases/resolve-subject.js';
import { ActionId } from '../ids.js';
import { renderCancelResult } from '../render/render-cancel-result.js';
import { renderStatus } from '../render/render-status.js';
import type { SlackMessage } from '../render/slack-message.js';
import { replyToRunAction } from '../replies/reply-to-run-action.js';
import { replyOnFault } from './reply-on-fault.js';
import type { SlackListenerContext } from './slack-listener-context.js';

type ButtonWork = (click: {
  runId: string;
  userId: string;
  teamId?: string;
  userName?: string;
  channelId: string;
}) => Promise<SlackMessage>;

export function registerRunMessageActions(app: App, context: SlackListenerContext): void {
  /** Ack, do the work, and answer the clicker alone (an ephemeral in the run's channel). */
  const onRunButton = (actionId: string, work: ButtonWork) =>
    app.action(actionId, async ({ ack, body, action, client }) => {
      await ack();
      if (body.type !== 'block_actions' || action.type !== 'button' || !body.channel) return;
      const channelId = body.channel.id;
      const reply = (message: SlackMessage) =>
        client.chat.postEphemeral({ channel: channelId, user: body.user.id, ...message });
      await replyOnFault(
        context.logger,
        reply,
        async () => {
          const message = await work({
            runId: action.value ?? '',
            userId: body.user.id,
            ...(body.user.team_id && { teamId: body.user.team_id }),
            ...(body.user.name && { userName: body.user.name }),
            channelId,
          });
          await reply(message);
        },
        { action: actionId, user: body.user.id, channel: channelId },
      );
    });

  // The same answer as `/ssm status <run-id>`, timeline included.
  onRunButton(ActionId.showRunStatus, async ({ runId, userId, channelId }) => {
    const subject = await resolveSubject(context.run, { userId, channelId });
    return renderStatus(await describeStatus(context.run, runId, subject), context.run.now());
  });

  onRunButton(ActionId.cancelRun, async ({ runId, userId, channelId }) => {
    const subject = await resolveSubject(context.run, { userId, channelId });
    return renderCancelResult(await cancelRun(context.run, runId, subject));
  });

  // The clicker asks, as if they had typed the run themselves: their policy, their change request.
  for (const [actionId, kind] of [
    [ActionId.retryFailed, 'retry-failed'],
    [ActionId.runAgain, 'run-again'],
  ] as const) {
    onRunButton(actionId, async (click) => {
      const subject = await resolveSubject(context.run, click);
      const requester = {
        userId: click.userId,
        ...(click.teamId && { teamId: click.teamId }),
        ...(click.userName && { userName: click.userName }),
      };
      return replyToRunAction(await actOnRun(context.run, { runId: click.runId, kind, subject, requester }));
    });
  }
}
