// PeopleDirectory over Slack: group memberships from usergroups.users.list, for the groups the config names,
// cached briefly (Tier 2 method; memberships change rarely).
import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import { readThroughOptions } from '../cache/read-through-options.js';
import type { PeopleDirectory } from '../ports.js';

export interface PeopleDirectoryOptions {
  ttlMs?: number;
  now?: () => number;
}

export class SlackPeopleDirectory implements PeopleDirectory {
  private readonly cache: LRUCache<'memberships', Map<string, Set<string>>>;

  constructor(
    private readonly client: WebClient,
    /** Group ids named by the policy, the operators and approval templates: the only ones that matter. */
    private readonly groupIds: readonly string[],
    options: PeopleDirectoryOptions = {},
  ) {
    this.cache = new LRUCache<'memberships', Map<string, Set<string>>>({
      max: 1,
      ttl: options.ttlMs ?? 60_000,
      fetchMethod: () => this.read(),
      ...readThroughOptions(options.now),
    });
  }

  async userGroupIds(userId: string): Promise<string[]> {
    if (this.groupIds.length === 0) return [];
    const members = await this.cache.forceFetch('memberships');
    return [...members].filter(([, users]) => users.has(userId)).map(([groupId]) => groupId);
  }

  /** The members of a group the config names (App Home refreshes its approvers); none for any other group. */
  async membersOf(groupId: string): Promise<string[]> {
    if (!this.groupIds.includes(groupId)) return [];
    return [...((await this.cache.forceFetch('memberships')).get(groupId) ?? [])];
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
