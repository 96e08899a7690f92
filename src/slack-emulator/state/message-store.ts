// Messages per channel (with threads, edits and deletions) and ephemeral messages per user and channel.
import type { ChangeFeed } from './change-feed.js';
import type { SlackIds } from './slack-ids.js';
import type { EphemeralMessage, JsonObject, SlackMessage } from './slack-types.js';
import { elementsOf } from './view-store.js';

export type NewMessage = Omit<SlackMessage, 'type' | 'ts' | 'thread_ts' | 'subtype'>;
export type NewEphemeral = Omit<EphemeralMessage, 'type' | 'ts'>;

/** Stored messages are never mutated: every change stores a new object, so a caller's copy stays as it was. */
export class MessageStore {
  private readonly byChannel = new Map<string, Map<string, SlackMessage>>();
  private readonly ephemeralList: EphemeralMessage[] = [];
  /**
   * The interactive elements each message carried in versions since replaced, by `block_id` and `action_id`: a
   * confirm dialog opened before an edit still sends its action as it was shown (`shownEarlier`).
   */
  private readonly replacedElements = new Map<string, Map<string, ShownElement>>();

  constructor(
    private readonly feed: ChangeFeed,
    private readonly ids: SlackIds,
  ) {}

  /** Posts a message, or a reply when `threadTs` names a message (a reply's ts means its thread). */
  post(channel: string, message: NewMessage, threadTs?: string, broadcast = false): SlackMessage {
    const ts = this.ids.ts();
    const messages = this.channelMessages(channel);
    let stored: SlackMessage = { type: 'message', ts, ...message };
    const parent = threadTs ? this.threadParent(channel, threadTs) : undefined;
    if (parent) {
      stored = {
        ...stored,
        thread_ts: parent.ts,
        parent_user_id: parent.user,
        ...(broadcast ? { subtype: 'thread_broadcast' } : {}),
      };
      const replyUsers = [...new Set([...(parent.reply_users ?? []), message.user ?? ''])].filter(Boolean);
      messages.set(parent.ts, {
        ...parent,
        thread_ts: parent.ts,
        reply_count: (parent.reply_count ?? 0) + 1,
        reply_users: replyUsers,
        reply_users_count: replyUsers.length,
        latest_reply: ts,
      });
    }
    messages.set(ts, stored);
    this.feed.emit({ type: 'message_posted', channel, message: stored });
    return stored;
  }

  find(channel: string, ts: string): SlackMessage | undefined {
    return this.byChannel.get(channel)?.get(ts);
  }

  update(channel: string, ts: string, changes: Partial<SlackMessage>): SlackMessage | undefined {
    const previous = this.find(channel, ts);
    if (!previous) return undefined;
    const message = { ...previous, ...changes, ts };
    this.rememberElements(channel, previous);
    this.channelMessages(channel).set(ts, message);
    this.feed.emit({ type: 'message_updated', channel, message, previous });
    return message;
  }

  delete(channel: string, ts: string): SlackMessage | undefined {
    const message = this.find(channel, ts);
    if (!message) return undefined;
    this.channelMessages(channel).delete(ts);
    this.feed.emit({ type: 'message_deleted', channel, message });
    return message;
  }

  /** An element with this action_id (in this block, when given) that an earlier version of the message carried. */
  shownEarlier(channel: string, ts: string, actionId: string, blockId?: string): ShownElement | undefined {
    for (const shown of this.replacedElements.get(`${channel}/${ts}`)?.values() ?? []) {
      if (shown.element.action_id !== actionId) continue;
      if (blockId === undefined || shown.block.block_id === blockId) return shown;
    }
    return undefined;
  }

  /** What the channel shows: top-level messages and broadcast replies, oldest first. */
  history(channel: string): SlackMessage[] {
    return this.all(channel).filter(
      (message) =>
        !message.thread_ts || message.thread_ts === message.ts || message.subtype === 'thread_broadcast',
    );
  }

  /** The thread's parent (when not deleted) followed by its replies, oldest first. */
  thread(channel: string, threadTs: string): SlackMessage[] {
    return this.all(channel).filter((message) => message.ts === threadTs || message.thread_ts === threadTs);
  }

  /** Every message of the channel, replies included, oldest first. */
  all(channel: string): SlackMessage[] {
    return [...(this.byChannel.get(channel)?.values() ?? [])].sort((a, b) => compareTs(a.ts, b.ts));
  }

  postEphemeral(message: NewEphemeral): EphemeralMessage {
    const stored: EphemeralMessage = { type: 'message', ts: this.ids.ts(), ...message };
    this.ephemeralList.push(stored);
    this.feed.emit({ type: 'ephemeral_posted', channel: stored.channel, user: stored.user, message: stored });
    return stored;
  }

  ephemerals(user: string, channel?: string): EphemeralMessage[] {
    return this.ephemeralList.filter(
      (message) => message.user === user && (channel === undefined || message.channel === channel),
    );
  }

  allEphemerals(): readonly EphemeralMessage[] {
    return this.ephemeralList;
  }

  findEphemeral(user: string, ts: string): EphemeralMessage | undefined {
    return this.ephemeralList.find((message) => message.user === user && message.ts === ts);
  }

  replaceEphemeral(
    user: string,
    ts: string,
    changes: Partial<EphemeralMessage>,
  ): EphemeralMessage | undefined {
    const index = this.ephemeralList.findIndex((message) => message.user === user && message.ts === ts);
    const previous = this.ephemeralList[index];
    if (!previous) return undefined;
    const message = { ...previous, ...changes, ts, user, channel: previous.channel };
    this.ephemeralList[index] = message;
    this.feed.emit({ type: 'ephemeral_updated', channel: message.channel, user, message });
    return message;
  }

  deleteEphemeral(user: string, ts: string): EphemeralMessage | undefined {
    const index = this.ephemeralList.findIndex((message) => message.user === user && message.ts === ts);
    const [message] = index >= 0 ? this.ephemeralList.splice(index, 1) : [];
    if (message) this.feed.emit({ type: 'ephemeral_deleted', channel: message.channel, user, message });
    return message;
  }

  private rememberElements(channel: string, version: SlackMessage): void {
    const key = `${channel}/${version.ts}`;
    const remembered = this.replacedElements.get(key) ?? new Map<string, ShownElement>();
    const attachments = Array.isArray(version.attachments) ? (version.attachments as JsonObject[]) : [];
    const blocks = [
      ...(version.blocks ?? []),
      ...attachments.flatMap((attachment) =>
        Array.isArray(attachment.blocks) ? (attachment.blocks as JsonObject[]) : [],
      ),
    ];
    for (const block of blocks) {
      for (const element of elementsOf(block)) {
        remembered.set(`${String(block.block_id)}/${String(element.action_id)}`, { block, element });
      }
    }
    if (remembered.size > 0) this.replacedElements.set(key, remembered);
  }

  private threadParent(channel: string, threadTs: string): SlackMessage | undefined {
    const target = this.find(channel, threadTs);
    if (target?.thread_ts && target.thread_ts !== target.ts) return this.find(channel, target.thread_ts);
    return target;
  }

  private channelMessages(channel: string): Map<string, SlackMessage> {
    let messages = this.byChannel.get(channel);
    if (!messages) {
      messages = new Map();
      this.byChannel.set(channel, messages);
    }
    return messages;
  }
}

/** An interactive element as a message showed it, with the block around it. */
export interface ShownElement {
  block: JsonObject;
  element: JsonObject;
}

/** Orders `1700000000.000100`-style timestamps numerically. */
export function compareTs(a: string, b: string): number {
  const [aSec = '0', aMicro = '0'] = a.split('.');
  const [bSec = '0', bMicro = '0'] = b.split('.');
  return Number(aSec) - Number(bSec) || Number(aMicro) - Number(bMicro);
}
