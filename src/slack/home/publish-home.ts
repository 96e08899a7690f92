// Publishes one person's App Home: describe it for them, render it, views.publish it.
import type { WebClient } from '@slack/web-api';
import { describeComplianceCard } from '../../use-cases/describe-compliance-card.js';
import { describeHome } from '../../use-cases/describe-home.js';
import { resolveSubject } from '../../use-cases/resolve-subject.js';
import type { SlackListenerContext } from '../listeners/slack-listener-context.js';
import { renderComplianceCard } from '../render/render-compliance-card.js';
import { renderHome } from '../render/render-home.js';

export interface HomeAsk {
  userId: string;
  /**
   * The person's DM with the bot, when Slack said which (app_home_opened does): runs started from the Home post
   * there. Without it, the user id, which Slack's chat.postMessage takes as that DM.
   */
  homeChannel?: string;
  /** Why a click from the Home changed nothing, shown on top of it (mrkdwn). */
  notice?: string;
}

/** Where a Home's runs go, as its view carries it (`private_metadata`), or the user's own DM. */
export function homeChannelOf(view: { private_metadata?: string } | undefined, userId: string): string {
  const channel = view?.private_metadata;
  return channel && /^[CDG][A-Z0-9]{2,}$/.test(channel) ? channel : userId;
}

export async function publishHome(
  context: Pick<SlackListenerContext, 'run' | 'compliance'>,
  client: WebClient,
  { userId, homeChannel, notice }: HomeAsk,
): Promise<void> {
  const channelId = homeChannel ?? userId;
  const subject = await resolveSubject(context.run, { userId, channelId });
  const { compliance } = context;
  const [home, card] = await Promise.all([
    describeHome(context.run, subject),
    compliance && describeComplianceCard(context.run, compliance, subject),
  ]);
  const now = context.run.now();
  const view = renderHome({
    home,
    readAt: now.toISOString(),
    ...(notice && { notice }),
    ...(card &&
      compliance && { complianceCard: renderComplianceCard(card, compliance.settings.patchRunbook, now) }),
  });
  await client.views.publish({ user_id: userId, view: { ...view, private_metadata: channelId } });
}
