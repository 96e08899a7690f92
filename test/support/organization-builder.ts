// Builds the bot's view of an Organization for unit tests; by default the sandbox's (fixtures/sandbox/organization.yml).
import type { Account, Organization, OrganizationalUnit } from '../../src/core/organization/organization.js';

const ROOT = 'r-sbx1';
const DELEGATED_ADMIN = 'ou-sbx1-dlgadmin';
const WORKLOADS = 'ou-sbx1-workload';
const PRODUCTION = 'ou-sbx1-prod0001';
const STAGING = 'ou-sbx1-stage001';
const DEVELOPMENT = 'ou-sbx1-dev00001';
const SECURITY = 'ou-sbx1-security';
const SUSPENDED = 'ou-sbx1-suspend1';

export const MANAGEMENT_ACCOUNT_ID = '111111111111';
/** Where the bot lives: the delegated administrator for Automation. */
export const HOME_ACCOUNT_ID = '222222222222';

const ORGANIZATIONAL_UNITS: OrganizationalUnit[] = [
  { id: DELEGATED_ADMIN, name: 'Delegated Admin', parentId: ROOT },
  { id: WORKLOADS, name: 'Workloads', parentId: ROOT },
  { id: PRODUCTION, name: 'Production', parentId: WORKLOADS },
  { id: STAGING, name: 'Staging', parentId: WORKLOADS },
  { id: DEVELOPMENT, name: 'Development', parentId: WORKLOADS },
  { id: SECURITY, name: 'Security', parentId: ROOT },
  { id: SUSPENDED, name: 'Suspended', parentId: ROOT },
];

const ACCOUNTS: Account[] = [
  anAccount({ id: MANAGEMENT_ACCOUNT_ID, name: 'management', path: [ROOT] }),
  anAccount({ id: HOME_ACCOUNT_ID, name: 'operations', path: [ROOT, DELEGATED_ADMIN] }),
  anAccount({ id: '333333333301', name: 'payments-prod', path: [ROOT, WORKLOADS, PRODUCTION] }),
  anAccount({ id: '333333333302', name: 'identity-prod', path: [ROOT, WORKLOADS, PRODUCTION] }),
  anAccount({ id: '333333333303', name: 'search-prod', path: [ROOT, WORKLOADS, PRODUCTION] }),
  anAccount({ id: '444444444401', name: 'payments-staging', path: [ROOT, WORKLOADS, STAGING] }),
  anAccount({ id: '444444444402', name: 'identity-staging', path: [ROOT, WORKLOADS, STAGING] }),
  anAccount({ id: '555555555501', name: 'dev-shared', path: [ROOT, WORKLOADS, DEVELOPMENT] }),
  anAccount({ id: '555555555502', name: 'data-dev', path: [ROOT, WORKLOADS, DEVELOPMENT] }),
  anAccount({ id: '666666666601', name: 'log-archive', path: [ROOT, SECURITY] }),
  anAccount({ id: '666666666602', name: 'security-audit', path: [ROOT, SECURITY] }),
  anAccount({ id: '777777777701', name: 'legacy-reporting', status: 'SUSPENDED', path: [ROOT, SUSPENDED] }),
];

/** An ACTIVE account directly under the root unless told otherwise. */
export function anAccount(fields: Pick<Account, 'id' | 'name'> & Partial<Account>): Account {
  return { status: 'ACTIVE', path: [ROOT], ...fields };
}

/** The sandbox organization; `extraAccounts` joins it (e.g. a second account with a clashing name). */
export function anOrganization(
  overrides: Partial<Organization> & { extraAccounts?: Account[] } = {},
): Organization {
  const { extraAccounts = [], ...fields } = overrides;
  return {
    id: 'o-sbx7k2m9q4',
    rootId: ROOT,
    managementAccountId: MANAGEMENT_ACCOUNT_ID,
    organizationalUnits: ORGANIZATIONAL_UNITS.map((unit) => ({ ...unit })),
    ...fields,
    accounts: [
      ...(fields.accounts ?? ACCOUNTS).map((account) => ({ ...account, path: [...account.path] })),
      ...extraAccounts,
    ],
  };
}
