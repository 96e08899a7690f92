// The Slack outbox in memory, for use-case tests: records every upsert and "delivers" at once, with made-up ts.
import type { FirstDelivery, OutboxMessage, SlackContent, SlackOutbox } from '../../ports.js';
import { assertValidFileShare } from './assert-valid-file-share.js';

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
  revision?: number;
}

/**
 * Same contract as RedisSlackOutbox (test/contract/slack-outbox.contract.ts), without pacing or coalescing:
 * nothing to wait for. Copies on the way in and out, so tests see what was upserted, not later mutations.
 */
export class MemorySlackOutbox implements SlackOutbox {
  /** Every upsert, in order. */
  readonly upserts: OutboxMessage[] = [];
  private readonly byKey = new Map<string, MemoryOutboxMessage>();
  /** Channels where "Slack" refuses posts, with its error code. */
  private readonly refusing = new Map<string, string>();
  private nextTs: number;

  /** `firstTs`: seconds of the first made-up ts; each post takes the next second. */
  constructor(firstTs = 1_700_000_000) {
    this.nextTs = firstTs;
  }

  async upsert(message: OutboxMessage): Promise<void> {
    assertValidFileShare(message);
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
        ...(message.revision !== undefined ? { revision: message.revision } : {}),
      });
    } else if (!existing.postOnly && !isStale(existing, message)) {
      const changed = JSON.stringify(existing.content) !== JSON.stringify(message.content);
      if (changed) existing.content = structuredClone(message.content);
      if (changed && existing.ts) existing.edits += 1;
      existing.final = message.final ?? false;
      if (message.revision !== undefined) existing.revision = message.revision;
    }
    this.postWhatCan();
  }

  /** As RedisSlackOutbox.deliverNow: shown at once, or refused (and forgotten) in a refusing channel. */
  async deliverNow(message: OutboxMessage): Promise<FirstDelivery> {
    const refusal = this.refusing.get(message.channel);
    if (refusal && !this.byKey.get(message.key)?.ts) return { kind: 'refused', reason: refusal };
    await this.upsert(message);
    const ts = this.byKey.get(message.key)?.ts;
    if (!ts) throw new Error(`memory outbox: ${message.key} was not posted`);
    return { kind: 'shown', ts };
  }

  /** From now on "Slack" refuses posts in `channel` with `error` (channel_not_found, not_in_channel, …). */
  refuseChannel(channel: string, error: string): void {
    this.refusing.set(channel, error);
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
        if (this.refusing.has(message.channel)) continue;
        message.ts = `${this.nextTs++}.000100`;
        if (parentTs) message.threadTs = parentTs;
        posted = true;
      }
    }
  }
}

/**
 * As the Redis outbox: content rendered from an older revision than the stored one, or a non-final state once
 * the message is final, is a late writer's stale state.
 */
function isStale(existing: MemoryOutboxMessage, message: OutboxMessage): boolean {
  const older =
    message.revision !== undefined && existing.revision !== undefined && message.revision < existing.revision;
  return older || (existing.final && !message.final);
}
