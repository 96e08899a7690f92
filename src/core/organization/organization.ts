// The AWS Organization as the bot sees it: accounts with their place in the OU tree.

export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';

export interface Account {
  /** 12 digits. */
  id: string;
  /** The account name from Organizations (human-readable, e.g. `payments-prod`). */
  name: string;
  status: AccountStatus;
  /** Ids from the root down to the account's parent: `[r-xxxx, ou-a, ou-b]`. */
  path: string[];
}

export interface OrganizationalUnit {
  id: string;
  name: string;
  parentId: string;
}

/** A snapshot of the organization, read once through Organizations and cached briefly. */
export interface Organization {
  id: string;
  rootId: string;
  managementAccountId: string;
  accounts: Account[];
  organizationalUnits: OrganizationalUnit[];
}

/** One place a run executes: an account in a region. */
export interface Target {
  accountId: string;
  region: string;
}

/** `333333333301:ap-northeast-1`: the key of a target in maps and idempotency tokens. */
export const targetKey = (target: Target): string => `${target.accountId}:${target.region}`;

/** The same account and region; what comparing keys says, without making a key per comparison. */
export const sameTarget = (left: Target, right: Target): boolean =>
  left.accountId === right.accountId && left.region === right.region;
