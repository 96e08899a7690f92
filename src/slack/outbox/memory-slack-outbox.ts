// The Slack outbox in memory, for use-case tests: records every upsert and "delivers" at once, with made-up ts.
import type { OutboxMessage, SlackContent, SlackOutbox } from '../../ports.js';

/** A message as the memory outbox shows it: what Slack would show once the real outbox has caught up. */
export interface MemoryOutboxMessage {
  key: string;
  channel: string;
  threadOf?: string;
  content: SlackContent;
  broadcast: boolean;
  postOnly: boolean;
  final: boolean;
  /** Set once "posted": at once, or (a reply) as soon as its parent is. */
  ts?: string;
  /** The parent's ts, for a posted reply. */
  threadTs?: string;
  /** Content changes after the post (what the real outbox would coalesce into fewer chat.update calls). */
  edits: number;
}

/**
 * Same contract as RedisSlackOutbox (test/contract/slack-outbox.contract.ts), without pacing or coalescing:
 * nothing to wait for. Copies on the way in and out, so tests see what was upserted, not later mutations.
 */
export class MemorySlackOutbox implements SlackOutbox {
  /** Every upsert, in order. */
  readonly upserts: OutboxMessage[] = [];
  private readonly byKey = new Map<string, MemoryOutboxMessage>();
  private nextTs: number;

  /** `firstTs`: seconds of the first made-up ts; each post takes the next second. */
  constructor(firstTs = 1_700_000_000) {
    this.nextTs = firstTs;
  }

  async upsert(message: OutboxMessage): Promise<void> {
    this.upserts.push(structuredClone(message));
    const existing = this.byKey.get(message.key);
    if (!existing) {
      this.byKey.set(message.key, {
        key: message.key,
        channel: message.channel,
        ...(message.threadOf ? { threadOf: message.threadOf } : {}),
        content: structuredClone(message.content),
        broadcast: message.broadcast ?? false,
        postOnly: message.postOnly ?? false,
        final: message.final ?? false,
        edits: 0,
      });
    } else if (!existing.postOnly && !(existing.final && !message.final)) {
      // As the Redis outbox: once final, a non-final upsert is a late writer's stale state.
      const changed = JSON.stringify(existing.content) !== JSON.stringify(message.content);
      if (changed) existing.content = structuredClone(message.content);
      if (changed && existing.ts) existing.edits += 1;
      existing.final = message.final ?? false;
    }
    this.postWhatCan();
  }

  /** As RedisSlackOutbox.adopt: later upserts of `key` edit the message at `ts`. */
  async adopt(key: string, channel: string, ts: string, content: SlackContent = { text: '' }): Promise<void> {
    const existing = this.byKey.get(key);
    if (existing) {
      existing.ts = ts;
      return;
    }
    this.byKey.set(key, {
      key,
      channel,
      content: structuredClone(content),
      broadcast: false,
      postOnly: false,
      final: false,
      ts,
      edits: 0,
    });
    this.postWhatCan();
  }

  message(key: string): MemoryOutboxMessage | undefined {
    const message = this.byKey.get(key);
    return message && structuredClone(message);
  }

  /** Posted messages of a channel (replies included), in posting order. */
  messages(channel: string): MemoryOutboxMessage[] {
    return [...this.byKey.values()]
      .filter((message) => message.channel === channel && message.ts)
      .sort((a, b) => Number(a.ts) - Number(b.ts))
      .map((message) => structuredClone(message));
  }

  /** Posts, in upsert order, every message not posted yet whose parent (if any) is. */
  private postWhatCan(): void {
    let posted = true;
    while (posted) {
      posted = false;
      for (const message of this.byKey.values()) {
        if (message.ts) continue;
        const parentTs = message.threadOf ? this.byKey.get(message.threadOf)?.ts : undefined;
        if (message.threadOf && !parentTs) continue;
        message.ts = `${this.nextTs++}.000100`;
        if (parentTs) message.threadTs = parentTs;
        posted = true;
      }
    }
  }
}
