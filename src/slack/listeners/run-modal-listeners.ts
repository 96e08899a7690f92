// The run modal: picking a runbook, searching accounts, previewing the form, and confirming the run.
import type { App, ViewOutput } from '@slack/bolt';
import { confirmRunDraft } from '../../use-cases/confirm-run-draft.js';
import { visibleRunbooks } from '../../use-cases/prepare-run-form.js';
import { reopenRunForm } from '../../use-cases/reopen-run-form.js';
import { resolveSubject } from '../../use-cases/resolve-subject.js';
import { submitRunForm } from '../../use-cases/submit-run-form.js';
import { suggestAccounts } from '../../use-cases/suggest-accounts.js';
import { ActionId, BlockId, CallbackId } from '../ids.js';
import { renderRunPreviewView } from '../render/render-run-preview.js';
import type { SlackMessage } from '../render/slack-message.js';
import { replyToRunRequest } from '../replies/reply-to-run-request.js';
import { formErrors } from '../run-modal/form-errors.js';
import { parseModalMetadata } from '../run-modal/parse-modal-metadata.js';
import { readRunForm } from '../run-modal/read-run-form.js';
import {
  MORE_OPTIONS_VALUE,
  renderAccountOptions,
  renderRunbookOptions,
} from '../run-modal/render-account-options.js';
import { renderRunConfirmation } from '../run-modal/render-run-confirmation.js';
import { runModalView } from './open-run-modal.js';
import { replyOnFault } from './reply-on-fault.js';
import type { SlackListenerContext } from './slack-listener-context.js';

export function registerRunModal(app: App, context: SlackListenerContext): void {
  const { logger } = context;

  app.action(ActionId.pickRunbook, async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions' || !body.view) return;
    const action = body.actions[0];
    const runbook = action && 'selected_option' in action ? action.selected_option?.value : undefined;
    const metadata = parseModalMetadata(body.view.private_metadata);
    // The "… N more" hint of a long list is an option too: choosing it means nothing.
    if (!runbook || runbook === MORE_OPTIONS_VALUE || !metadata) return;
    const subject = await resolveSubject(context.run, {
      userId: body.user.id,
      channelId: metadata.channelId,
    });
    const view = await runModalView(context, {
      subject,
      request: {
        runbook,
        parameters: {},
        targets: { accounts: [], organizationalUnits: [], excludeAccounts: [], regions: [] },
      },
    });
    await client.views.update({ view_id: body.view.id, hash: body.view.hash, view });
  });

  app.action(ActionId.backToRunForm, async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions' || !body.view) return;
    const metadata = parseModalMetadata(body.view.private_metadata);
    if (!metadata?.draftId) return;
    const reopened = await reopenRunForm(context.run, metadata.draftId, body.user.id);
    const subject = await resolveSubject(context.run, {
      userId: body.user.id,
      channelId: metadata.channelId,
    });
    const view = await runModalView(context, {
      subject,
      ...(reopened.kind === 'form' && { request: reopened.request }),
    });
    await client.views.update({ view_id: body.view.id, hash: body.view.hash, view });
  });

  app.options(ActionId.selectAccounts, async ({ ack, body }) => {
    const metadata = parseModalMetadata(body.view?.private_metadata ?? '');
    const subject = await resolveSubject(context.run, {
      userId: body.user.id,
      channelId: metadata?.channelId ?? '',
    });
    const accounts = await suggestAccounts(context.run, subject, metadata?.runbook);
    await ack(renderAccountOptions(accounts, body.value));
  });

  app.options(ActionId.pickRunbook, async ({ ack, body }) => {
    const metadata = parseModalMetadata(body.view?.private_metadata ?? '');
    const subject = await resolveSubject(context.run, {
      userId: body.user.id,
      channelId: metadata?.channelId ?? '',
    });
    await ack(renderRunbookOptions(await visibleRunbooks(context.run, subject), body.value));
  });

  app.view(CallbackId.runForm, async ({ ack, body, view }) => {
    const metadata = parseModalMetadata(view.private_metadata);
    if (!metadata?.runbook)
      return ack({
        response_action: 'errors',
        errors: { [BlockId.reason]: 'This form is out of date; open it again.' },
      });
    const form = readRunForm(view.state.values as ViewOutput['state']['values'], metadata.runbook);
    if (Object.keys(form.problems).length > 0)
      return ack({ response_action: 'errors', errors: form.problems });
    const asker = askerOf(body.user, metadata.channelId);
    const result = await submitRunForm(context.run, form, {
      ...asker,
      subject: await resolveSubject(context.run, asker.requesterRef),
    });
    if (result.kind !== 'confirm') {
      const errors = formErrors(result);
      if (Object.keys(errors).length > 0) return ack({ response_action: 'errors', errors });
      return ack({ response_action: 'errors', errors: { [BlockId.reason]: replyToRunRequest(result).text } });
    }
    await ack({
      response_action: 'update',
      view: renderRunConfirmation({
        previewBlocks: renderRunPreviewView(result.plan, result.readiness),
        draftId: result.draftId,
        channelId: metadata.channelId,
        needsApproval: result.needsApproval,
        emergency: result.emergency,
        ...(result.window && { window: result.window }),
        runbookName: result.plan.runbook.name,
      }),
    });
  });

  app.view(CallbackId.runConfirmation, async ({ ack, body, view, client }) => {
    // Close the modal at once; the run's own message (or an ephemeral note) says what happened.
    await ack({ response_action: 'clear' });
    const metadata = parseModalMetadata(view.private_metadata);
    if (!metadata?.draftId) return;
    const reply = (message: SlackMessage) =>
      client.chat.postEphemeral({ channel: metadata.channelId, user: body.user.id, ...message });
    await replyOnFault(
      logger,
      reply,
      async () => {
        const asker = askerOf(body.user, metadata.channelId);
        const result = await confirmRunDraft(context.run, metadata.draftId!, {
          ...asker,
          subject: await resolveSubject(context.run, asker.requesterRef),
        });
        await reply(replyToRunRequest(result));
      },
      { view: CallbackId.runConfirmation, user: body.user.id, channel: metadata.channelId },
    );
  });
}

function askerOf(user: { id: string; name?: string; team_id?: string }, channelId: string) {
  return {
    requester: { userId: user.id, teamId: user.team_id, userName: user.name },
    channelId,
    requesterRef: { userId: user.id, channelId },
  };
}
