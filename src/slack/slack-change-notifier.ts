// ChangeNotifier over the outbox: the request message in the approvals channel, its thread of decisions, and the
// pointer in the requester's channel (with the decisions that concern them in its thread), each keyed per change
// so retries never post twice.
import { type ChangeNote, concernsRequester } from '../core/approval/change-note.js';
import type { ChangeTemplate } from '../core/approval/change-template-schema.js';
import type { StoredChange } from '../core/approval/stored-change.js';
import type { ChangeNotifier, SlackOutbox } from '../ports.js';
import { renderChangeNote } from './render/render-change-note.js';
import { renderChangeLink, renderChangeRequest } from './render/render-change-request.js';
import type { RunMessageLink } from './run-message-link.js';

export const ChangeMessageKey = {
  request: (changeId: string) => `change:${changeId}:request`,
  link: (changeId: string) => `change:${changeId}:link`,
  event: (changeId: string, eventKey: string) => `change:${changeId}:event:${eventKey}`,
  linkEvent: (changeId: string, eventKey: string) => `change:${changeId}:link:event:${eventKey}`,
};

/** Asked in the approvals channel itself: the request message is the link. */
const hasRequesterLink = (change: StoredChange) => change.run.channelId !== change.slack.approvalsChannel;

const closed = (change: StoredChange) =>
  !['pending', 'scheduled', 'approved', 'held'].includes(change.request.status);

export class SlackChangeNotifier implements ChangeNotifier {
  /** `runLink`: where a run's message is, so the thread's last note links to it (none in tests without Slack). */
  constructor(
    private readonly outbox: SlackOutbox,
    private readonly runLink?: RunMessageLink,
  ) {}

  showChange(change: StoredChange, template: ChangeTemplate): Promise<void> {
    return this.outbox.upsert({
      key: ChangeMessageKey.request(change.request.id),
      channel: change.slack.approvalsChannel,
      content: renderChangeRequest(change, template),
      final: closed(change),
    });
  }

  async noteInThread(change: StoredChange, eventKey: string, note: ChangeNote): Promise<void> {
    const { request, run, slack } = change;
    const requester = concernsRequester(note) ? request.requester : undefined;
    const runLink = note.kind === 'run-ended' ? await this.runLink?.(note.runId) : undefined;
    await this.outbox.upsert({
      key: ChangeMessageKey.event(request.id, eventKey),
      channel: slack.approvalsChannel,
      threadOf: ChangeMessageKey.request(request.id),
      content: renderChangeNote(note, { ...(requester && { requester }), ...(runLink && { runLink }) }),
      postOnly: true,
    });
    // The pointer is edited as the change moves, and an edit notifies nobody: a reply under it does. A lapsed
    // start means the bot cannot post in the requester's channel, so only the request's thread can say it.
    if (!requester || !hasRequesterLink(change) || note.kind === 'start-lapsed') return;
    await this.outbox.upsert({
      key: ChangeMessageKey.linkEvent(request.id, eventKey),
      channel: run.channelId,
      threadOf: ChangeMessageKey.link(request.id),
      content: renderChangeNote(note, { requester }),
      postOnly: true,
    });
  }

  showRequesterLink(change: StoredChange): Promise<void> {
    if (!hasRequesterLink(change)) return Promise.resolve();
    return this.outbox.upsert({
      key: ChangeMessageKey.link(change.request.id),
      channel: change.run.channelId,
      content: renderChangeLink(change),
      final: closed(change),
    });
  }
}
