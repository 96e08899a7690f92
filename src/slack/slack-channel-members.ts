// ChannelMembers over Slack: a channel's members from conversations.members (every page), cached briefly per channel.
import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import { readThroughOptions } from '../cache/read-through-options.js';
import type { ChannelMembers } from '../ports.js';

export interface ChannelMembersOptions {
  /** How long a channel's member list is trusted: someone who leaves still sees its runs this long. */
  ttlMs?: number;
  /** Channels kept at most. */
  maxChannels?: number;
  /** Members asked for a page (Slack allows up to 1,000). */
  pageSize?: number;
  now?: () => number;
}

/** conversations.members is Tier 4 and pages up to 1,000 members. */
const MAX_PAGE_SIZE = 1000;

/**
 * Needs `channels:read` (public channels, whether or not the bot is in them) and `groups:read` (private channels
 * the bot is in). A channel Slack will not show the bot (`channel_not_found`) has no members it knows of.
 */
export class SlackChannelMembers implements ChannelMembers {
  private readonly cache: LRUCache<string, ReadonlySet<string>>;
  private readonly pageSize: number;

  constructor(
    private readonly client: WebClient,
    options: ChannelMembersOptions = {},
  ) {
    this.pageSize = options.pageSize ?? MAX_PAGE_SIZE;
    this.cache = new LRUCache<string, ReadonlySet<string>>({
      max: options.maxChannels ?? 500,
      ttl: options.ttlMs ?? 30_000,
      fetchMethod: (channelId) => this.read(channelId),
      ...readThroughOptions(options.now),
    });
  }

  async isMember(channelId: string, userId: string): Promise<boolean> {
    return (await this.cache.forceFetch(channelId)).has(userId);
  }

  private async read(channelId: string): Promise<ReadonlySet<string>> {
    const members = new Set<string>();
    try {
      for await (const page of this.client.paginate('conversations.members', {
        channel: channelId,
        limit: this.pageSize,
      })) {
        for (const member of (page as { members?: string[] }).members ?? []) members.add(member);
      }
    } catch (error) {
      if ((error as { data?: { error?: string } }).data?.error !== 'channel_not_found') throw error;
    }
    return members;
  }
}
