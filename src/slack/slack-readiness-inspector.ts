// SlackInspector over the Web API: the token's scopes (Slack's x-oauth-scopes header, read off auth.test) and
// the bot's membership of each configured channel (conversations.info → is_member).
import type { WebClient } from '@slack/web-api';
import type { Probe, SlackObservations } from '../core/doctor/observations.js';
import type { SlackInspector } from '../ports.js';
import { BOT_SCOPES } from './web-api-calls.js';

export class SlackReadinessInspector implements SlackInspector {
  constructor(private readonly client: WebClient) {}

  async inspect(channels: ReadonlyArray<{ channelId: string; purpose: string }>): Promise<SlackObservations> {
    const [scopes, members] = await Promise.all([
      this.scopes(),
      Promise.all(
        channels.map(async (channel) => ({ ...channel, member: await this.membership(channel.channelId) })),
      ),
    ]);
    return { scopes, channels: members };
  }

  private async scopes(): Promise<SlackObservations['scopes']> {
    try {
      const answer = await this.client.auth.test();
      const granted = answer.response_metadata?.scopes;
      if (!granted) return { kind: 'unknown', detail: 'Slack named no scopes (no x-oauth-scopes header)' };
      return { kind: 'read', missing: BOT_SCOPES.filter((scope) => !granted.includes(scope)) };
    } catch (error) {
      return { kind: 'unknown', detail: slackError(error) };
    }
  }

  private async membership(channelId: string): Promise<Probe> {
    try {
      const { channel } = await this.client.conversations.info({ channel: channelId });
      return channel?.is_member ? { kind: 'pass' } : { kind: 'fail', detail: 'Slack says is_member: false' };
    } catch (error) {
      return { kind: 'unknown', detail: slackError(error) };
    }
  }
}

/** `channel_not_found`, `missing_scope (needs channels:read)`: Slack's error code, as people look it up. */
function slackError(error: unknown): string {
  const data = (error as { data?: { error?: string; needed?: string } }).data;
  if (data?.error) return data.needed ? `${data.error} (needs ${data.needed})` : data.error;
  return error instanceof Error ? error.message : String(error);
}
