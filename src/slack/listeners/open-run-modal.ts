// Opens the run modal: a loading view at once (the trigger id lives 3 seconds), then the picker or the form.
import type { WebClient } from '@slack/web-api';
import type { RunRequest } from '../../core/run/run-request.js';
import { findAccount } from '../../core/targets/find-account.js';
import { prepareRunForm } from '../../use-cases/prepare-run-form.js';
import { resolveSubject } from '../../use-cases/resolve-subject.js';
import { renderLoadingModal } from '../run-modal/render-loading-modal.js';
import { renderRunForm } from '../run-modal/render-run-form.js';
import { renderRunbookPicker } from '../run-modal/render-runbook-picker.js';
import type { SlackListenerContext } from './slack-listener-context.js';

export interface OpenRunModal {
  triggerId: string;
  userId: string;
  channelId: string;
  /** What the command already said, to fill in the form. */
  request?: RunRequest;
}

/** Returns false when Slack would not open it (the trigger id expired): the caller replies in text instead. */
export async function openRunModal(
  context: SlackListenerContext,
  client: WebClient,
  open: OpenRunModal,
): Promise<boolean> {
  let viewId: string | undefined;
  try {
    const opened = await client.views.open({ trigger_id: open.triggerId, view: renderLoadingModal() });
    viewId = opened.view?.id;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'expired_trigger_id' || code === 'invalid_trigger_id') return false;
    throw error;
  }
  if (!viewId) return false;
  await client.views.update({ view_id: viewId, view: await runModalView(context, open) });
  return true;
}

/** The picker when no runbook is known yet, else the runbook's form filled with what was asked for. */
export async function runModalView(context: SlackListenerContext, open: Omit<OpenRunModal, 'triggerId'>) {
  const subject = await resolveSubject(context.run, open);
  const model = await prepareRunForm(context.run, subject, open.request?.runbook);
  if (model.kind !== 'form') {
    const picker = model.kind === 'picker' ? model : await prepareRunForm(context.run, subject, undefined);
    return renderRunbookPicker({
      runbooks: picker.kind === 'picker' ? picker.runbooks : [],
      channelId: open.channelId,
    });
  }
  return renderRunForm({
    runbook: { name: model.runbook.name, description: model.runbook.description },
    form: model.form,
    organizationalUnits: model.organizationalUnits,
    enabledRegions: model.enabledRegions,
    defaults: model.defaults,
    prefill: open.request && {
      request: open.request,
      accounts: await prefilledAccounts(context, open.request),
    },
    channelId: open.channelId,
  });
}

async function prefilledAccounts(context: SlackListenerContext, request: RunRequest) {
  if (request.targets.accounts === 'all' || request.targets.accounts.length === 0) return [];
  const { accounts } = await context.run.accounts.organization();
  return request.targets.accounts.flatMap((typed) => {
    const match = findAccount(typed, accounts);
    return match.kind === 'found' ? [{ id: match.account.id, name: match.account.name }] : [];
  });
}
