// The parent run message's buttons: Status (ephemeral detail) and Cancel (requester or operator).
import type { App } from '@slack/bolt';
import { cancelRun } from '../../use-cases/cancel-run.js';
import { resolveSubject } from '../../use-cases/resolve-subject.js';
import { ActionId } from '../ids.js';
import { renderCancelResult } from '../render/render-cancel-result.js';
import { renderRunStatus } from '../render/render-run-status.js';
import type { SlackMessage } from '../render/slack-message.js';
import { replyOnFault } from './reply-on-fault.js';
import type { SlackListenerContext } from './slack-listener-context.js';

export function registerRunMessageActions(app: App, context: SlackListenerContext): void {
  app.action(ActionId.showRunStatus, async ({ ack, body, action, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !body.channel) return;
    const channel = body.channel.id;
    const reply = (message: SlackMessage) =>
      client.chat.postEphemeral({ channel, user: body.user.id, ...message });
    await replyOnFault(
      context.logger,
      reply,
      async () => {
        const run = await context.run.runs.get(action.value ?? '');
        if (run) await reply(renderRunStatus(run, context.run.now()));
      },
      { action: ActionId.showRunStatus, user: body.user.id },
    );
  });

  app.action(ActionId.cancelRun, async ({ ack, body, action, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !body.channel) return;
    const channel = body.channel.id;
    const reply = (message: SlackMessage) =>
      client.chat.postEphemeral({ channel, user: body.user.id, ...message });
    await replyOnFault(
      context.logger,
      reply,
      async () => {
        const subject = await resolveSubject(context.run, { userId: body.user.id, channelId: channel });
        await reply(renderCancelResult(await cancelRun(context.run, action.value ?? '', subject)));
      },
      { action: ActionId.cancelRun, user: body.user.id },
    );
  });
}
