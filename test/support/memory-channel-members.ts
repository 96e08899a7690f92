// ChannelMembers for tests: the memberships a test gives, counting every lookup (no channel: nobody is a member).
import type { ChannelMembers } from '../../src/ports.js';

export class MemoryChannelMembers implements ChannelMembers {
  /** Every lookup, as `channel:user`, so a test can tell what a flow asked Slack. */
  readonly lookups: string[] = [];
  private readonly members: Map<string, Set<string>>;

  constructor(members: Record<string, readonly string[]> = {}) {
    this.members = new Map(Object.entries(members).map(([channel, users]) => [channel, new Set(users)]));
  }

  async isMember(channelId: string, userId: string): Promise<boolean> {
    this.lookups.push(`${channelId}:${userId}`);
    return this.members.get(channelId)?.has(userId) ?? false;
  }
}
