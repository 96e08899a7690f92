// The change request's buttons: Approve, Reject (a modal asks the reason) and Withdraw. Each acks, calls one
// use case, and answers the clicker alone when nothing changed; what changed shows in the message and thread.
import type { App } from '@slack/bolt';
import type { Person } from '../../core/run/run.js';
import { type ChangeDecisionInput, decideChange, mayReject } from '../../use-cases/decide-change.js';
import { resolveSubject } from '../../use-cases/resolve-subject.js';
import { answerPrivately } from '../answer-privately.js';
import { parseRejectionMetadata } from '../change-modal/rejection-metadata.js';
import { renderRejectionModal } from '../change-modal/render-rejection-modal.js';
import { approveFromHome, type HomeClick, isHomeClick, rejectFromHome } from '../home/decide-from-home.js';
import { ActionId, BlockId, CallbackId } from '../ids.js';
import { logSlackFault } from '../log-slack-fault.js';
import { rejectionReasonError, renderChangeRefusal } from '../render/render-change-refusal.js';
import { replyOnFault } from './reply-on-fault.js';
import type { SlackListenerContext } from './slack-listener-context.js';

/** What a rejection modal whose metadata is not ours (forged, or from an older bot) says on its reason field. */
export const OUT_OF_DATE_REJECTION =
  'This form is out of date and cannot reject anything. Close it and click Reject on the change request again.';

export function registerChangeActions(app: App, context: SlackListenerContext): void {
  const flows = context.run;

  /** Approve and Withdraw: ack, decide, and explain a refusal to the clicker alone. */
  const onDecisionButton = (actionId: string, input: ChangeDecisionInput) =>
    app.action(actionId, async ({ ack, body, action, client }) => {
      await ack();
      if (body.type !== 'block_actions' || action.type !== 'button') return;
      if (!body.channel && input.kind === 'approve' && isHomeClick(body.view)) {
        return approveFromHome(context, client, action.value ?? '', homeClick(body));
      }
      if (!body.channel) return;
      const channelId = body.channel.id;
      const reply = answerPrivately(client, context.logger, { channel: channelId, user: body.user.id });
      await replyOnFault(
        context.logger,
        reply,
        async () => {
          const clicker = await resolveSubject(flows, { ...personOf(body.user), channelId });
          const result = await decideChange(flows, action.value ?? '', clicker, input);
          if (result.kind === 'refused') await reply(renderChangeRefusal(result.refusal));
        },
        { action: actionId, user: body.user.id, channel: channelId },
      );
    });
  onDecisionButton(ActionId.approveChange, { kind: 'approve' });
  onDecisionButton(ActionId.withdrawChange, { kind: 'withdraw' });

  // Eligibility is checked before the modal opens, so nobody writes a reason for a rejection that cannot count.
  app.action(ActionId.rejectChange, async ({ ack, body, action, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    if (!body.channel && isHomeClick(body.view)) {
      return rejectFromHome(context, client, action.value ?? '', homeClick(body));
    }
    if (!body.channel) return;
    const channelId = body.channel.id;
    const reply = answerPrivately(client, context.logger, { channel: channelId, user: body.user.id });
    await replyOnFault(
      context.logger,
      reply,
      async () => {
        const changeId = action.value ?? '';
        const clicker = await resolveSubject(flows, { ...personOf(body.user), channelId });
        const check = await mayReject(flows, changeId, clicker);
        if (check.kind === 'refused') return void (await reply(renderChangeRefusal(check.refusal)));
        await client.views.open({
          trigger_id: body.trigger_id,
          view: renderRejectionModal({ changeId, channelId, reasonRequired: check.reasonRequired }),
        });
      },
      { action: ActionId.rejectChange, user: body.user.id, channel: channelId },
    );
  });

  app.view(CallbackId.changeRejection, async ({ ack, body, view, client }) => {
    const fieldError = (message: string) =>
      ack({ response_action: 'errors', errors: { [BlockId.rejectionReason]: message } });
    const metadata = parseRejectionMetadata(view.private_metadata);
    if (!metadata) {
      context.logger.warn(
        { view: CallbackId.changeRejection, user: body.user.id },
        'a rejection modal came back with metadata the bot did not write',
      );
      return fieldError(OUT_OF_DATE_REJECTION);
    }
    const { changeId, channelId } = metadata;
    const typed = view.state?.values?.[BlockId.rejectionReason]?.[ActionId.rejectionReason]?.value?.trim();
    const clicker = await resolveSubject(flows, { ...personOf(body.user), channelId });
    const result = await decideChange(flows, changeId, clicker, {
      kind: 'reject',
      ...(typed ? { reason: typed } : {}),
    });
    if (result.kind === 'refused' && result.refusal.code === 'reason-required') {
      return fieldError(rejectionReasonError(result.refusal.template));
    }
    await ack();
    if (result.kind !== 'refused') return;
    await answerPrivately(client, context.logger, { channel: channelId, user: body.user.id })(
      renderChangeRefusal(result.refusal),
    ).catch((error) =>
      logSlackFault(
        context.logger,
        error,
        { view: CallbackId.changeRejection, user: body.user.id, channel: channelId },
        'could not explain a refused rejection',
      ),
    );
  });
}

/** Who clicked, as Slack identified them: the audit trail keeps their workspace and name at the time. */
const personOf = (user: { id: string; team_id?: string; username?: string; name?: string }): Person => ({
  userId: user.id,
  ...(user.team_id && { teamId: user.team_id }),
  ...((user.username ?? user.name) && { userName: user.username ?? user.name }),
});

/** App Home has no channel: what its click handlers need of the payload. */
const homeClick = (body: {
  user: { id: string; team_id?: string; username?: string; name?: string };
  trigger_id: string;
  view?: { type?: string; private_metadata?: string };
}): HomeClick => ({ user: personOf(body.user), triggerId: body.trigger_id, view: body.view });
