// Organizations through the real SDK: the default organization, pagination helpers, errors and who may read.
import {
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListChildrenCommand,
  ListDelegatedAdministratorsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  paginateListAccounts,
  paginateListChildren,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let env: TestSandbox;
beforeAll(async () => {
  env = await startTestSandbox();
});
afterAll(() => env.close());

describe('Organizations', () => {
  it('when listing accounts page by page, then every account arrives exactly once with its real shape', async () => {
    const org = env.organizations({ region: 'us-east-1' });
    const pages = [];
    for await (const page of paginateListAccounts({ client: org, pageSize: 5 }, {})) pages.push(page);
    expect(pages.length).toBe(3);
    const accounts = pages.flatMap((page) => page.Accounts ?? []);
    expect(accounts).toHaveLength(12);
    expect(new Set(accounts.map((account) => account.Id)).size).toBe(12);
    expect(accounts.find((account) => account.Id === '333333333301')).toMatchObject({
      Name: 'payments-prod',
      Arn: 'arn:aws:organizations::111111111111:account/o-sbx7k2m9q4/333333333301',
      Status: 'ACTIVE',
      JoinedTimestamp: expect.any(Date),
    });
    expect(accounts.find((account) => account.Id === '777777777701')?.Status).toBe('SUSPENDED');
  });

  it('when walking the tree from the root, then nested OUs and their accounts are found', async () => {
    const org = env.organizations();
    const roots = await org.send(new ListRootsCommand({}));
    expect(roots.Roots?.[0]?.Id).toBe('r-sbx1');
    const units = await org.send(
      new ListOrganizationalUnitsForParentCommand({ ParentId: 'ou-sbx1-workload' }),
    );
    expect(units.OrganizationalUnits?.map((unit) => unit.Name).sort()).toEqual([
      'Development',
      'Production',
      'Staging',
    ]);
    const children = [];
    for await (const page of paginateListChildren(
      { client: org, pageSize: 1 },
      { ParentId: 'ou-sbx1-prod0001', ChildType: 'ACCOUNT' },
    )) {
      children.push(...(page.Children ?? []));
    }
    expect(children.map((child) => child.Id)).toEqual(['333333333301', '333333333302', '333333333303']);
    const direct = await org.send(new ListAccountsForParentCommand({ ParentId: 'ou-sbx1-stage001' }));
    expect(direct.Accounts?.map((account) => account.Name)).toEqual(['payments-staging', 'identity-staging']);
  });

  it('when describing the organization and an account, then the management account is named', async () => {
    const org = env.organizations();
    const described = await org.send(new DescribeOrganizationCommand({}));
    expect(described.Organization).toMatchObject({
      Id: 'o-sbx7k2m9q4',
      MasterAccountId: '111111111111',
      FeatureSet: 'ALL',
    });
    const account = await org.send(new DescribeAccountCommand({ AccountId: '222222222222' }));
    expect(account.Account?.Name).toBe('operations');
  });

  it.each([
    [new DescribeAccountCommand({ AccountId: '999999999999' }), 'AccountNotFoundException', 404],
    [
      new ListChildrenCommand({ ParentId: 'ou-sbx1-nothere1', ChildType: 'ACCOUNT' }),
      'ParentNotFoundException',
      404,
    ],
    [
      new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: 'ou-sbx1-nothere1' }),
      'OrganizationalUnitNotFoundException',
      404,
    ],
    [new ListAccountsForParentCommand({ ParentId: 'not-a-parent' }), 'InvalidInputException', 400],
    // Malformed ids are InvalidInputException (the model's id patterns), not "not found".
    [new DescribeAccountCommand({ AccountId: '12345' }), 'InvalidInputException', 400],
    [
      new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: 'not-an-ou' }),
      'InvalidInputException',
      400,
    ],
    [new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: 'r-sbx1' }), 'InvalidInputException', 400],
    [
      new ListChildrenCommand({ ParentId: 'r-sbx1-and-more!', ChildType: 'ACCOUNT' }),
      'InvalidInputException',
      400,
    ],
    [new ListRootsCommand({ MaxResults: 21 }), 'InvalidInputException', 400],
    [new ListRootsCommand({ NextToken: 'forged' }), 'InvalidInputException', 400],
  ])('when the request is wrong (%#), then the SDK raises %s with HTTP %s', async (command, name, status) => {
    // biome-ignore lint/suspicious/noExplicitAny: one table for several command types
    await expect(env.organizations({ maxAttempts: 1 }).send(command as any)).rejects.toMatchObject({
      name,
      $metadata: { httpStatusCode: status },
    });
  });

  it.each([
    ['DescribeAccount', new DescribeAccountCommand({ AccountId: '12345' })],
    ['DescribeAccount', new DescribeAccountCommand({ AccountId: 'ou-sbx1-prod0001' })],
    ['DescribeOrganizationalUnit', new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: 'r-sbx1' })],
    ['ListChildren', new ListChildrenCommand({ ParentId: '333333333301', ChildType: 'ACCOUNT' })],
    ['ListChildren', new ListChildrenCommand({ ParentId: 'r-sbx1-and-more!', ChildType: 'ACCOUNT' })],
    ['ListAccountsForParent', new ListAccountsForParentCommand({ ParentId: 'not-a-parent' })],
    [
      'ListOrganizationalUnitsForParent',
      new ListOrganizationalUnitsForParentCommand({ ParentId: 'OU-SBX1' }),
    ],
  ])(
    'when %s gets a malformed id, then InvalidInputException says INVALID_PATTERN with HTTP 400',
    async (_, command) => {
      // biome-ignore lint/suspicious/noExplicitAny: one table for several command types
      await expect(env.organizations({ maxAttempts: 1 }).send(command as any)).rejects.toMatchObject({
        name: 'InvalidInputException',
        Reason: 'INVALID_PATTERN',
        message: 'You provided a value that does not match the required pattern.',
        $metadata: { httpStatusCode: 400 },
      });
    },
  );

  it.each([
    ['DescribeAccount', new DescribeAccountCommand({ AccountId: undefined })],
    ['ListChildren', new ListChildrenCommand({ ParentId: undefined, ChildType: 'ACCOUNT' })],
    ['ListChildren', new ListChildrenCommand({ ParentId: 'r-sbx1', ChildType: undefined })],
  ])(
    'when %s is missing a required member, then InvalidInputException says INPUT_REQUIRED',
    async (_, command) => {
      // biome-ignore lint/suspicious/noExplicitAny: one table for several command types
      await expect(env.organizations({ maxAttempts: 1 }).send(command as any)).rejects.toMatchObject({
        name: 'InvalidInputException',
        Reason: 'INPUT_REQUIRED',
        $metadata: { httpStatusCode: 400 },
      });
    },
  );

  it('when a plain member account lists accounts, then it is denied', async () => {
    const credentials = await env.assumeRole('arn:aws:iam::333333333301:role/SsmChatOpsReadOnly', 'member');
    await expect(
      env.organizations({ credentials, maxAttempts: 1 }).send(new ListRootsCommand({})),
    ).rejects.toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
  });
});

describe('Organizations: Systems Manager for the organization', () => {
  it('when the delegated administrator lists trusted access, then Systems Manager is among the services', async () => {
    const { EnabledServicePrincipals } = await env
      .organizations()
      .send(new ListAWSServiceAccessForOrganizationCommand({}));
    expect(EnabledServicePrincipals?.map((service) => service.ServicePrincipal)).toEqual([
      'ssm.amazonaws.com',
    ]);
    expect(EnabledServicePrincipals?.[0]?.DateEnabled).toBeInstanceOf(Date);
  });

  it('when delegated administrators are listed for Systems Manager, then the operations account is one', async () => {
    const org = env.organizations();
    const ssm = await org.send(
      new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'ssm.amazonaws.com' }),
    );
    expect(ssm.DelegatedAdministrators?.map((account) => [account.Id, account.Name])).toEqual([
      ['222222222222', 'operations'],
    ]);
    const other = await org.send(
      new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'config.amazonaws.com' }),
    );
    expect(other.DelegatedAdministrators).toEqual([]);
  });

  it('when a plain member account asks, then both are denied as AWS denies them', async () => {
    const credentials = await env.assumeRole('arn:aws:iam::333333333301:role/SsmChatOpsReadOnly', 'member');
    const member = env.organizations({ credentials, maxAttempts: 1 });
    for (const command of [
      new ListAWSServiceAccessForOrganizationCommand({}),
      new ListDelegatedAdministratorsCommand({}),
    ]) {
      await expect(member.send(command as never)).rejects.toMatchObject({
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 403 },
      });
    }
  });
});
