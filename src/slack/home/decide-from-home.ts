// Approve and Reject clicked in App Home: the same use cases as in the approvals channel, but there is no channel
// to answer in, so the Home is republished — with the outcome, or with why nothing changed on top of it.
import type { WebClient } from '@slack/web-api';
import type { Subject } from '../../core/policy/subject.js';
import type { Person } from '../../core/run/run.js';
import { decideChange, mayReject } from '../../use-cases/decide-change.js';
import { resolveSubject } from '../../use-cases/resolve-subject.js';
import { renderRejectionModal } from '../change-modal/render-rejection-modal.js';
import type { SlackListenerContext } from '../listeners/slack-listener-context.js';
import { logSlackFault } from '../log-slack-fault.js';
import { changeRefusalText } from '../render/render-change-refusal.js';
import { homeChannelOf, publishHome } from './publish-home.js';

/** A block_actions payload clicked in a view: App Home's when the view is a home. */
export interface HomeClick {
  user: Person;
  triggerId: string;
  view: { type?: string; private_metadata?: string } | undefined;
}

export const isHomeClick = (view: { type?: string } | undefined): boolean => view?.type === 'home';

/** Approve from the Home: decided as in the channel, then the Home shows the result or the refusal. */
export async function approveFromHome(
  context: SlackListenerContext,
  client: WebClient,
  changeId: string,
  click: HomeClick,
): Promise<void> {
  await explainInHome(context, client, click, async (clicker) => {
    const result = await decideChange(context.run, changeId, clicker, { kind: 'approve' });
    return result.kind === 'refused' ? changeRefusalText(result.refusal) : undefined;
  });
}

/** Reject from the Home: eligibility first, as in the channel; the reason is asked in the same modal. */
export async function rejectFromHome(
  context: SlackListenerContext,
  client: WebClient,
  changeId: string,
  click: HomeClick,
): Promise<void> {
  await explainInHome(context, client, click, async (clicker, homeChannel) => {
    const check = await mayReject(context.run, changeId, clicker);
    if (check.kind === 'refused') return changeRefusalText(check.refusal);
    await client.views.open({
      trigger_id: click.triggerId,
      view: renderRejectionModal({ changeId, channelId: homeChannel, reasonRequired: check.reasonRequired }),
    });
    return undefined;
  });
}

/**
 * Resolves who clicked (their Home's DM channel stands for the channel), runs `decide`, then republishes the Home
 * with its refusal (if any) on top; a fault is logged and shown too.
 */
async function explainInHome(
  context: SlackListenerContext,
  client: WebClient,
  click: HomeClick,
  decide: (clicker: Subject, homeChannel: string) => Promise<string | undefined>,
): Promise<void> {
  const userId = click.user.userId;
  const homeChannel = homeChannelOf(click.view, userId);
  let notice: string | undefined;
  try {
    const clicker = await resolveSubject(context.run, { ...click.user, channelId: homeChannel });
    notice = await decide(clicker, homeChannel);
  } catch (error) {
    logSlackFault(context.logger, error, { user: userId }, 'a click in App Home failed');
    notice = 'Something went wrong on our side; the bot’s log has the details. Try again in a moment.';
  }
  await publishHome(context, client, { userId, homeChannel, ...(notice && { notice }) }).catch((error) =>
    logSlackFault(context.logger, error, { user: userId }, 'could not republish App Home'),
  );
}
