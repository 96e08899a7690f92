// AccountDirectory over AWS Organizations: the OU tree and its accounts, read once, cached, refreshed behind.
import {
  DescribeOrganizationCommand,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListRoots,
} from '@aws-sdk/client-organizations';
import { LRUCache } from 'lru-cache';
import { readThroughOptions } from '../cache/read-through-options.js';
import type { Account, Organization, OrganizationalUnit } from '../core/organization/organization.js';
import type { AccountDirectory } from '../ports.js';
import type { AwsClients } from './aws-clients.js';

export interface AccountDirectoryOptions {
  /** How long a snapshot is served before it is read again (accounts and OUs change rarely). */
  ttlMs?: number;
  now?: () => number;
}

export class OrganizationsAccountDirectory implements AccountDirectory {
  private readonly cache: LRUCache<'organization', Organization>;

  constructor(
    private readonly clients: AwsClients,
    options: AccountDirectoryOptions = {},
  ) {
    this.cache = new LRUCache<'organization', Organization>({
      max: 1,
      ttl: options.ttlMs ?? 5 * 60_000,
      fetchMethod: () => this.read(),
      // Stale-while-revalidate: past the TTL the last snapshot still answers (a 5,000-account walk takes
      // hundreds of paged calls) while one background read replaces it.
      allowStale: true,
      ...readThroughOptions(options.now),
    });
  }

  organization(): Promise<Organization> {
    return this.cache.forceFetch('organization');
  }

  /** Walks the tree from the root, so every account knows its OU path (ListAccounts alone does not say). */
  private async read(): Promise<Organization> {
    const client = this.clients.organizations();
    const { Organization: described } = await client.send(new DescribeOrganizationCommand({}));
    let rootId: string | undefined;
    for await (const page of paginateListRoots({ client }, {})) rootId ??= page.Roots?.[0]?.Id;
    if (!described?.Id || !rootId) throw new Error('Organizations returned no organization or root');

    const accounts: Account[] = [];
    const organizationalUnits: OrganizationalUnit[] = [];
    const visit = async (parentId: string, path: string[]): Promise<void> => {
      for await (const page of paginateListAccountsForParent({ client }, { ParentId: parentId })) {
        for (const account of page.Accounts ?? []) {
          if (!account.Id) continue;
          accounts.push({
            id: account.Id,
            name: account.Name ?? account.Id,
            status: (account.Status ?? 'ACTIVE') as Account['status'],
            path: [...path, parentId],
          });
        }
      }
      const children: OrganizationalUnit[] = [];
      for await (const page of paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId })) {
        for (const unit of page.OrganizationalUnits ?? []) {
          if (unit.Id) children.push({ id: unit.Id, name: unit.Name ?? unit.Id, parentId });
        }
      }
      organizationalUnits.push(...children);
      for (const child of children) await visit(child.id, [...path, parentId]);
    };
    await visit(rootId, []);
    return {
      id: described.Id,
      rootId,
      managementAccountId: described.MasterAccountId ?? '',
      accounts,
      organizationalUnits,
    };
  }
}
