// The AWS sandbox's organization as the playground's panel lists it, read over the sandbox's own AWS API.

/** The sandbox's home principal (fixtures/sandbox/organization.yml): a delegated administrator that may read it. */
export const SANDBOX_HOME_CREDENTIALS = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };

export interface SandboxOrganization {
  units: Array<{ id: string; name: string; parentId: string }>;
  accounts: Array<{ id: string; name: string; status: string; parentId: string }>;
  /** The root's id: the parentId of top-level units and accounts. */
  rootId: string;
}

/**
 * Walks the tree from the root with AWS Organizations calls signed as the sandbox's home principal. The sandbox's
 * control API offers no organization, and the emulator imports nothing of the sandbox: it asks as a client would.
 * The SDK is loaded only when a playground asks, so an emulator without a sandbox never loads it.
 */
export async function readSandboxOrganization(
  sandboxUrl: string,
  credentials = SANDBOX_HOME_CREDENTIALS,
): Promise<SandboxOrganization> {
  const {
    OrganizationsClient,
    paginateListAccountsForParent,
    paginateListOrganizationalUnitsForParent,
    paginateListRoots,
  } = await import('@aws-sdk/client-organizations');
  const client = new OrganizationsClient({
    endpoint: sandboxUrl,
    region: 'us-east-1',
    credentials,
    maxAttempts: 2,
  });
  try {
    const organization: SandboxOrganization = { units: [], accounts: [], rootId: '' };
    const visit = async (parentId: string): Promise<void> => {
      for await (const page of paginateListAccountsForParent({ client }, { ParentId: parentId })) {
        for (const account of page.Accounts ?? []) {
          organization.accounts.push({
            id: account.Id ?? '',
            name: account.Name ?? '',
            status: account.Status ?? 'ACTIVE',
            parentId,
          });
        }
      }
      for await (const page of paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId })) {
        for (const unit of page.OrganizationalUnits ?? []) {
          organization.units.push({ id: unit.Id ?? '', name: unit.Name ?? '', parentId });
          await visit(unit.Id ?? '');
        }
      }
    };
    for await (const page of paginateListRoots({ client }, {})) {
      for (const root of page.Roots ?? []) {
        organization.rootId ||= root.Id ?? '';
        await visit(root.Id ?? '');
      }
    }
    return organization;
  } finally {
    client.destroy();
  }
}
