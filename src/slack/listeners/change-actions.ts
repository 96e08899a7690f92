// The change request's buttons: Approve, Reject (a modal asks the reason) and Withdraw. Each acks, calls one
// use case, and answers the clicker alone when nothing changed; what changed shows in the message and thread.
import type { App } from '@slack/bolt';
import type { View } from '@slack/types';
import type { Person } from '../../core/run/run.js';
import { type ChangeDecisionInput, decideChange, mayReject } from '../../use-cases/decide-change.js';
import { ActionId, BlockId, CallbackId } from '../ids.js';
import { sectionBlock } from '../render/blocks.js';
import { rejectionReasonError, renderChangeRefusal } from '../render/render-change-refusal.js';
import type { SlackMessage } from '../render/slack-message.js';
import { replyOnFault } from './reply-on-fault.js';
import type { SlackListenerContext } from './slack-listener-context.js';

const REASON_LIMIT = 500;

export function registerChangeActions(app: App, context: SlackListenerContext): void {
  const flows = context.run;

  /** Approve and Withdraw: ack, decide, and explain a refusal to the clicker alone. */
  const onDecisionButton = (actionId: string, input: ChangeDecisionInput) =>
    app.action(actionId, async ({ ack, body, action, client }) => {
      await ack();
      if (body.type !== 'block_actions' || action.type !== 'button' || !body.channel) return;
      const reply = ephemeral(client, body.channel.id, body.user.id);
      await replyOnFault(
        context.logger,
        reply,
        async () => {
          const result = await decideChange(flows, action.value ?? '', personOf(body.user), input);
          if (result.kind === 'refused') await reply(renderChangeRefusal(result.refusal));
        },
        { action: actionId, user: body.user.id },
      );
    });
  onDecisionButton(ActionId.approveChange, { kind: 'approve' });
  onDecisionButton(ActionId.withdrawChange, { kind: 'withdraw' });

  // Eligibility is checked before the modal opens, so nobody writes a reason for a rejection that cannot count.
  app.action(ActionId.rejectChange, async ({ ack, body, action, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !body.channel) return;
    const channelId = body.channel.id;
    const reply = ephemeral(client, channelId, body.user.id);
    await replyOnFault(
      context.logger,
      reply,
      async () => {
        const changeId = action.value ?? '';
        const check = await mayReject(flows, changeId, body.user.id);
        if (check.kind === 'refused') return void (await reply(renderChangeRefusal(check.refusal)));
        await client.views.open({
          trigger_id: body.trigger_id,
          view: rejectionModal(changeId, channelId, check.reasonRequired),
        });
      },
      { action: ActionId.rejectChange, user: body.user.id },
    );
  });

  app.view(CallbackId.changeRejection, async ({ ack, body, view, client }) => {
    const { changeId, channelId } = JSON.parse(view.private_metadata) as {
      changeId: string;
      channelId: string;
    };
    const typed = view.state.values[BlockId.rejectionReason]?.[ActionId.rejectionReason]?.value?.trim();
    const result = await decideChange(flows, changeId, personOf(body.user), {
      kind: 'reject',
      ...(typed ? { reason: typed } : {}),
    });
    if (result.kind === 'refused') {
      if (result.refusal.code === 'reason-required') {
        const error = rejectionReasonError(result.refusal.template);
        return ack({ response_action: 'errors', errors: { [BlockId.rejectionReason]: error } });
      }
      await ack();
      await ephemeral(
        client,
        channelId,
        body.user.id,
      )(renderChangeRefusal(result.refusal)).catch((error) =>
        context.logger.warn({ err: error }, 'could not explain a refused rejection'),
      );
      return;
    }
    await ack();
  });
}

/** Who clicked, as Slack identified them: the audit trail keeps their workspace and name at the time. */
const personOf = (user: { id: string; team_id?: string; username?: string; name?: string }): Person => ({
  userId: user.id,
  ...(user.team_id && { teamId: user.team_id }),
  ...((user.username ?? user.name) && { userName: user.username ?? user.name }),
});

const ephemeral =
  (client: App['client'], channel: string, user: string) =>
  (message: SlackMessage): Promise<unknown> =>
    client.chat.postEphemeral({ channel, user, ...message });

function rejectionModal(changeId: string, channelId: string, reasonRequired: boolean): View {
  return {
    type: 'modal',
    callback_id: CallbackId.changeRejection,
    private_metadata: JSON.stringify({ changeId, channelId }),
    title: { type: 'plain_text', text: 'Reject change' },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      sectionBlock(
        `Rejecting \`${changeId}\` closes it: nothing will run. The reason goes to its thread and the audit trail.`,
      ),
      {
        type: 'input',
        block_id: BlockId.rejectionReason,
        optional: !reasonRequired,
        label: { type: 'plain_text', text: 'Reason' },
        element: {
          type: 'plain_text_input',
          action_id: ActionId.rejectionReason,
          multiline: true,
          max_length: REASON_LIMIT,
        },
      },
    ],
  };
}
