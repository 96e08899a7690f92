// Opens the run modal: a loading view at once (the trigger id lives 3 seconds), then the picker or the form.
import type { WebClient } from '@slack/web-api';
import type { Subject } from '../../core/policy/subject.js';
import type { RunRequest } from '../../core/run/run-request.js';
import { prepareRunForm } from '../../use-cases/prepare-run-form.js';
import { renderLoadingModal } from '../run-modal/render-loading-modal.js';
import { renderRunForm } from '../run-modal/render-run-form.js';
import { renderRunbookPicker } from '../run-modal/render-runbook-picker.js';
import type { SlackListenerContext } from './slack-listener-context.js';

export interface RunModalAsk {
  /** Who opens it, resolved once by the listener; the channel is where the run's messages will go. */
  subject: Subject;
  /** What the command already said, to fill in the form. */
  request?: RunRequest;
}

/** Returns false when Slack would not open it (the trigger id expired): the caller replies in text instead. */
export async function openRunModal(
  context: SlackListenerContext,
  client: WebClient,
  triggerId: string,
  ask: RunModalAsk,
): Promise<boolean> {
  let viewId: string | undefined;
  try {
    const opened = await client.views.open({ trigger_id: triggerId, view: renderLoadingModal() });
    viewId = opened.view?.id;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'expired_trigger_id' || code === 'invalid_trigger_id') return false;
    throw error;
  }
  if (!viewId) return false;
  await client.views.update({ view_id: viewId, view: await runModalView(context, ask) });
  return true;
}

/** The picker when no runbook is known yet, else the runbook's form filled with what was asked for. */
export async function runModalView(context: SlackListenerContext, { subject, request }: RunModalAsk) {
  const model = await prepareRunForm(context.run, subject, request);
  const channelId = subject.channelId;
  if (model.kind === 'nothing-allowed') {
    return renderRunbookPicker({ runbooks: [], channelId, rulesThatApply: model.rules });
  }
  if (model.kind === 'picker') {
    return renderRunbookPicker({
      runbooks: model.runbooks,
      channelId,
      ...(model.unknown && { unknown: model.unknown }),
    });
  }
  return renderRunForm({
    runbook: { name: model.runbook.name, description: model.runbook.description },
    form: model.form,
    organizationalUnits: model.organizationalUnits,
    enabledRegions: model.enabledRegions,
    defaults: model.defaults,
    prefill: model.prefill,
    channelId,
  });
}
