// ChangeNotifier over the outbox: the request message in the approvals channel, its thread of decisions, and the
// pointer in the requester's channel, each keyed per change so retries never post twice.
import type { ChangeNote } from '../core/approval/change-note.js';
import type { ChangeTemplate } from '../core/approval/change-template-schema.js';
import type { StoredChange } from '../core/approval/stored-change.js';
import type { ChangeNotifier, SlackOutbox } from '../ports.js';
import { renderChangeNote } from './render/render-change-note.js';
import { renderChangeLink, renderChangeRequest } from './render/render-change-request.js';

export const ChangeMessageKey = {
  request: (changeId: string) => `change:${changeId}:request`,
  link: (changeId: string) => `change:${changeId}:link`,
  event: (changeId: string, eventKey: string) => `change:${changeId}:event:${eventKey}`,
};

const closed = (change: StoredChange) => !['pending', 'approved', 'held'].includes(change.request.status);

export class SlackChangeNotifier implements ChangeNotifier {
  constructor(private readonly outbox: SlackOutbox) {}

  showChange(change: StoredChange, template: ChangeTemplate): Promise<void> {
    return this.outbox.upsert({
      key: ChangeMessageKey.request(change.request.id),
      channel: change.slack.approvalsChannel,
      content: renderChangeRequest(change, template),
      final: closed(change),
    });
  }

  noteInThread(change: StoredChange, eventKey: string, note: ChangeNote): Promise<void> {
    return this.outbox.upsert({
      key: ChangeMessageKey.event(change.request.id, eventKey),
      channel: change.slack.approvalsChannel,
      threadOf: ChangeMessageKey.request(change.request.id),
      content: renderChangeNote(note),
      postOnly: true,
    });
  }

  showRequesterLink(change: StoredChange): Promise<void> {
    // Asked in the approvals channel itself: the request message is the link.
    if (change.run.channelId === change.slack.approvalsChannel) return Promise.resolve();
    return this.outbox.upsert({
      key: ChangeMessageKey.link(change.request.id),
      channel: change.run.channelId,
      content: renderChangeLink(change),
      final: closed(change),
    });
  }
}
