// PeopleDirectory over Slack: group memberships from usergroups.users.list, for the groups the config names,
// cached briefly (Tier 2 method; memberships change rarely).
import type { WebClient } from '@slack/web-api';
import type { PeopleDirectory } from '../ports.js';

export interface PeopleDirectoryOptions {
  ttlMs?: number;
  now?: () => number;
}

export class SlackPeopleDirectory implements PeopleDirectory {
  private cache?: { members: Map<string, Set<string>>; readAt: number };
  private pending?: Promise<Map<string, Set<string>>>;
  private readonly now: () => number;

  constructor(
    private readonly client: WebClient,
    /** Group ids named by the policy, the operators and approval templates: the only ones that matter. */
    private readonly groupIds: readonly string[],
    private readonly options: PeopleDirectoryOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  async userGroupIds(userId: string): Promise<string[]> {
    if (this.groupIds.length === 0) return [];
    const members = await this.memberships();
    return [...members].filter(([, users]) => users.has(userId)).map(([groupId]) => groupId);
  }

  private memberships(): Promise<Map<string, Set<string>>> {
    const ttl = this.options.ttlMs ?? 60_000;
    if (this.cache && this.now() - this.cache.readAt < ttl) return Promise.resolve(this.cache.members);
    this.pending ??= this.read().then(
      (members) => {
        this.cache = { members, readAt: this.now() };
        this.pending = undefined;
        return members;
      },
      (error: unknown) => {
        this.pending = undefined;
        throw error;
      },
    );
    return this.pending;
  }

  private async read(): Promise<Map<string, Set<string>>> {
    const entries = await Promise.all(
      this.groupIds.map(async (groupId) => {
        try {
          const { users } = await this.client.usergroups.users.list({ usergroup: groupId });
          return [groupId, new Set(users ?? [])] as const;
        } catch (error) {
          // A group deleted since the config was written grants nothing; anything else is a fault.
          if ((error as { data?: { error?: string } }).data?.error !== 'no_such_subteam') throw error;
          return [groupId, new Set<string>()] as const;
        }
      }),
    );
    return new Map(entries);
  }
}
