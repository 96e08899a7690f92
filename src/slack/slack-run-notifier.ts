// RunNotifier over the Slack Web API: the parent message in the run's channel, one reply per child in its thread.
import type { WebClient } from '@slack/web-api';
import type { ChildExecution, Run } from '../core/run/run.js';
import type { RunNotifier } from '../ports.js';
import { renderChildReply } from './render/render-child-reply.js';
import { renderRunMessage } from './render/render-run-message.js';

export class SlackRunNotifier implements RunNotifier {
  constructor(
    private readonly client: WebClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async postRunMessage(run: Run): Promise<string> {
    const { ts } = await this.client.chat.postMessage({
      channel: run.channelId,
      ...renderRunMessage(run, this.now()),
      unfurl_links: false,
    });
    if (!ts) throw new Error(`chat.postMessage for ${run.id} returned no ts`);
    return ts;
  }

  async updateRunMessage(run: Run): Promise<void> {
    await this.client.chat.update({
      channel: run.channelId,
      ts: parentTsOf(run),
      ...renderRunMessage(run, this.now()),
    });
  }

  async postChildReply(run: Run, child: ChildExecution): Promise<string> {
    const { ts } = await this.client.chat.postMessage({
      channel: run.channelId,
      thread_ts: parentTsOf(run),
      ...renderChildReply({ child }),
      unfurl_links: false,
    });
    if (!ts) throw new Error(`chat.postMessage (thread of ${run.id}) returned no ts`);
    return ts;
  }

  async updateChildReply(run: Run, child: ChildExecution): Promise<void> {
    if (!child.replyTs) return;
    await this.client.chat.update({
      channel: run.channelId,
      ts: child.replyTs,
      ...renderChildReply({ child }),
    });
  }
}

function parentTsOf(run: Run): string {
  if (!run.slack.parentTs) throw new Error(`run ${run.id} has no parent message yet`);
  return run.slack.parentTs;
}
