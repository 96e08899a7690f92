// App Home: app_home_opened publishes the person's Home; its Run and History buttons open the run modal and a
// modal of recent runs. Approve and Reject in the Home are the change request's own buttons (change-actions.ts).
import type { App } from '@slack/bolt';
import { resolveSubject } from '../../use-cases/resolve-subject.js';
import { runHistory } from '../../use-cases/run-history.js';
import { homeChannelOf, publishHome } from '../home/publish-home.js';
import { ActionId } from '../ids.js';
import { logSlackFault } from '../log-slack-fault.js';
import { renderHistoryModal } from '../render/render-history-modal.js';
import { changeHistoryEntry, historyEntry } from '../render/render-run-history.js';
import { openRunModal } from './open-run-modal.js';
import type { SlackListenerContext } from './slack-listener-context.js';

/** How many runs the History modal lists: a glance; `/ssm history` filters and goes further. */
const HISTORY_SHOWN = 20;

export function registerAppHome(app: App, context: SlackListenerContext): void {
  app.event('app_home_opened', async ({ event, client }) => {
    // The Messages tab opens it too; only the Home tab has anything to publish.
    if (event.tab !== 'home') return;
    await publishHome(context, client, { userId: event.user, homeChannel: event.channel }).catch((error) =>
      logSlackFault(context.logger, error, { user: event.user }, 'could not publish App Home'),
    );
  });

  app.action(ActionId.homeRunRunbook, async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    const userId = body.user.id;
    const channelId = homeChannelOf(body.view, userId);
    await onFault(context, userId, 'could not open the run modal from App Home', async () => {
      const subject = await resolveSubject(context.run, { userId, channelId });
      await openRunModal(context, client, body.trigger_id, { subject });
    });
  });

  app.action(ActionId.homeHistory, async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    const userId = body.user.id;
    await onFault(context, userId, 'could not open the history from App Home', async () => {
      const subject = await resolveSubject(context.run, {
        userId,
        channelId: homeChannelOf(body.view, userId),
      });
      const items = await runHistory(context.run, subject, undefined, HISTORY_SHOWN);
      const entries = items.map((item) =>
        item.kind === 'run' ? historyEntry(item.run) : changeHistoryEntry(item.change),
      );
      await client.views.open({ trigger_id: body.trigger_id, view: renderHistoryModal({ entries }) });
    });
  });
}

/** A fault is logged; the Home has no channel to answer in, and the person sees no modal open. */
async function onFault(
  context: SlackListenerContext,
  userId: string,
  what: string,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    logSlackFault(context.logger, error, { user: userId }, what);
  }
}
