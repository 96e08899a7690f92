// resolveTargets: accounts by id and name, `all`, nested OUs, exclusions and regions, and every problem kind.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { RunTargets } from '../../src/core/command/ssm-command.js';
import {
  type ResolveTargetsResult,
  resolveTargets,
  type TargetOptions,
} from '../../src/core/targets/resolve-targets.js';
import { anAccount, anOrganization, HOME_ACCOUNT_ID } from '../support/organization-builder.js';

const organization = anOrganization();
const OPTIONS: TargetOptions = {
  enabledRegions: ['us-east-1', 'ap-northeast-1'],
  defaultRegions: ['ap-northeast-1'],
  homeAccountId: HOME_ACCOUNT_ID,
};

function targets(fields: Partial<RunTargets>): RunTargets {
  return { accounts: [], organizationalUnits: [], excludeAccounts: [], regions: [], ...fields };
}

function resolve(fields: Partial<RunTargets>, options = OPTIONS, org = organization): ResolveTargetsResult {
  return resolveTargets(targets(fields), org, options);
}

const names = (result: ResolveTargetsResult) =>
  result.ok ? result.accounts.map((account) => account.name) : result.problems;

describe('resolveTargets: which accounts', () => {
  it.each<[string, Partial<RunTargets>, string[]]>([
    ['an id', { accounts: ['333333333301'] }, ['payments-prod']],
    ['a name', { accounts: ['search-prod'] }, ['search-prod']],
    ['a name in another case', { accounts: ['Search-PROD'] }, ['search-prod']],
    ['the same account twice', { accounts: ['333333333301', 'payments-prod'] }, ['payments-prod']],
    [
      'an OU',
      { organizationalUnits: ['ou-sbx1-prod0001'] },
      ['identity-prod', 'payments-prod', 'search-prod'],
    ],
    [
      'a parent OU, with its nested OUs',
      { organizationalUnits: ['ou-sbx1-workload'] },
      [
        'data-dev',
        'dev-shared',
        'identity-prod',
        'identity-staging',
        'payments-prod',
        'payments-staging',
        'search-prod',
      ],
    ],
    [
      'an OU and an account outside it',
      { accounts: ['log-archive'], organizationalUnits: ['ou-sbx1-stage001'] },
      ['identity-staging', 'log-archive', 'payments-staging'],
    ],
    [
      '`all`: every active member but the management and home accounts',
      { accounts: 'all' },
      [
        'data-dev',
        'dev-shared',
        'identity-prod',
        'identity-staging',
        'log-archive',
        'payments-prod',
        'payments-staging',
        'search-prod',
        'security-audit',
      ],
    ],
    ['the home account by name', { accounts: ['operations'] }, ['operations']],
    ['the management account by id', { accounts: ['111111111111'] }, ['management']],
    [
      'an OU minus an excluded account',
      { organizationalUnits: ['ou-sbx1-prod0001'], excludeAccounts: ['search-prod'] },
      ['identity-prod', 'payments-prod'],
    ],
    [
      '`all` minus an excluded id',
      { accounts: 'all', excludeAccounts: ['555555555501', '555555555502', '444444444402'] },
      ['identity-prod', 'log-archive', 'payments-prod', 'payments-staging', 'search-prod', 'security-audit'],
    ],
    [
      'an excluded account that was not selected anyway',
      { accounts: ['payments-prod'], excludeAccounts: ['legacy-reporting'] },
      ['payments-prod'],
    ],
  ])(
    'when the run asks for %s, then the accounts are those, sorted by name',
    (_case, requested, expected) => {
      expect(names(resolve(requested))).toEqual(expected);
    },
  );

  it('when `all` or an OU covers inactive, management or home accounts, then they are skipped and said so', () => {
    const all = resolve({ accounts: 'all' });
    expect(all.ok && all.skipped.map(({ account, reason }) => [account.name, reason])).toEqual([
      ['legacy-reporting', 'inactive'],
      ['management', 'management-account'],
      ['operations', 'home-account'],
    ]);
    const suspendedOu = resolve({ organizationalUnits: ['ou-sbx1-suspend1', 'ou-sbx1-security'] });
    expect(suspendedOu.ok && suspendedOu.skipped.map(({ account }) => account.id)).toEqual(['777777777701']);
  });

  it('when the home account is not configured, then `all` includes it', () => {
    const result = resolve({ accounts: 'all' }, { ...OPTIONS, homeAccountId: undefined });
    expect(result.ok && result.accounts.some((account) => account.id === HOME_ACCOUNT_ID)).toBe(true);
  });

  it('when accounts and regions resolve, then targets are each account in each region, in a stable order', () => {
    const result = resolve({
      accounts: ['search-prod', 'payments-prod'],
      regions: ['us-east-1', 'ap-northeast-1'],
    });
    expect(result).toMatchObject({
      ok: true,
      regions: ['us-east-1', 'ap-northeast-1'],
      targets: [
        { accountId: '333333333301', region: 'us-east-1' },
        { accountId: '333333333301', region: 'ap-northeast-1' },
        { accountId: '333333333303', region: 'us-east-1' },
        { accountId: '333333333303', region: 'ap-northeast-1' },
      ],
      skipped: [],
    });
  });
});

describe('resolveTargets: which regions', () => {
  it.each<[string, string[], string[]]>([
    ['none: the default regions', [], ['ap-northeast-1']],
    ['some: those, in the order given', ['us-east-1', 'ap-northeast-1'], ['us-east-1', 'ap-northeast-1']],
    ['one twice: once', ['us-east-1', 'us-east-1'], ['us-east-1']],
  ])('when the run names %s', (_case, regions, expected) => {
    const result = resolve({ accounts: ['payments-prod'], regions });
    expect(result.ok && result.regions).toEqual(expected);
  });
});

describe('resolveTargets: problems', () => {
  const withTwin = anOrganization({
    extraAccounts: [
      anAccount({ id: '888888888801', name: 'Payments-Prod' }),
      anAccount({ id: '888888888802', name: 'shared' }),
      anAccount({ id: '888888888803', name: 'shared' }),
    ],
  });

  it.each<[string, Partial<RunTargets>, object[], typeof organization?]>([
    [
      'an unknown name',
      { accounts: ['payments-prd'] },
      [
        {
          kind: 'unknown-account',
          input: 'payments-prd',
          message:
            '`payments-prd` is not an account name in this organization. Did you mean `payments-prod`?',
          suggestions: ['payments-prod'],
        },
      ],
    ],
    [
      'an unknown id (ids are not guessed)',
      { accounts: ['333333333309'] },
      [
        {
          kind: 'unknown-account',
          input: '333333333309',
          message: '`333333333309` is not an account id in this organization.',
        },
      ],
    ],
    [
      'a name two accounts share',
      { accounts: ['shared'] },
      [
        {
          kind: 'ambiguous-account',
          input: 'shared',
          message: '`shared` names 2 accounts: shared (888888888802), shared (888888888803); use the id.',
          suggestions: ['888888888802', '888888888803'],
        },
      ],
      withTwin,
    ],
    [
      'a name two accounts share apart from case',
      { accounts: ['PAYMENTS-PROD'] },
      [
        {
          kind: 'ambiguous-account',
          suggestions: ['333333333301', '888888888801'],
        },
      ],
      withTwin,
    ],
    [
      'an unknown OU',
      { organizationalUnits: ['ou-sbx1-prod0002'] },
      [
        {
          kind: 'unknown-ou',
          input: 'ou-sbx1-prod0002',
          message: expect.stringMatching(
            /^`ou-sbx1-prod0002` is not an OU in this organization\. Did you mean `ou-sbx1-prod0001` \(Production\)/,
          ),
          suggestions: expect.arrayContaining(['ou-sbx1-prod0001']),
        },
      ],
    ],
    [
      'a suspended account by name',
      { accounts: ['legacy-reporting'] },
      [
        {
          kind: 'inactive-account',
          input: 'legacy-reporting',
          message: 'legacy-reporting (777777777701) is SUSPENDED; runs go only to ACTIVE accounts.',
        },
      ],
    ],
    [
      'an unknown account to exclude',
      { accounts: 'all', excludeAccounts: ['sandbox'] },
      [
        {
          kind: 'unknown-account',
          input: 'sandbox',
          message: '--exclude-accounts: `sandbox` is not an account name in this organization.',
        },
      ],
    ],
    [
      'an ambiguous account to exclude',
      { accounts: 'all', excludeAccounts: ['shared'] },
      [
        {
          kind: 'ambiguous-account',
          message: expect.stringMatching(/^--exclude-accounts: `shared` names 2 accounts/),
        },
      ],
      withTwin,
    ],
    [
      'a region that is not enabled',
      { accounts: ['payments-prod'], regions: ['eu-central-1'] },
      [
        {
          kind: 'region-not-enabled',
          input: 'eu-central-1',
          message: 'eu-central-1 is not enabled for runs; enabled: ap-northeast-1, us-east-1.',
        },
      ],
    ],
    [
      'a region one digit off',
      { accounts: ['payments-prod'], regions: ['us-east-2'] },
      [
        {
          kind: 'region-not-enabled',
          suggestions: ['us-east-1'],
        },
      ],
    ],
    [
      'no accounts at all',
      { regions: ['us-east-1'] },
      [
        {
          kind: 'no-accounts',
          input: '',
          message: 'no accounts: give --accounts, --ou or --accounts all.',
        },
      ],
    ],
    ['only exclusions', { excludeAccounts: ['payments-prod'] }, [{ kind: 'no-accounts' }]],
    [
      'an OU with no active account',
      { organizationalUnits: ['ou-sbx1-suspend1'] },
      [
        {
          kind: 'no-accounts',
          input: 'ou-sbx1-suspend1',
          message: 'no active accounts in ou-sbx1-suspend1: legacy-reporting (777777777701) is SUSPENDED.',
        },
      ],
    ],
    [
      'exclusions that leave nothing',
      { organizationalUnits: ['ou-sbx1-security'], excludeAccounts: ['log-archive', 'security-audit'] },
      [
        {
          kind: 'excluded-everything',
          input: 'log-archive,security-audit',
          message: '--exclude-accounts excludes every selected account; nothing is left to run on.',
        },
      ],
    ],
  ])(
    'when the run asks for %s, then the problem says so',
    (_case, requested, problems, org = organization) => {
      expect(resolve(requested, OPTIONS, org)).toEqual({
        ok: false,
        problems: problems.map((problem) => expect.objectContaining(problem)),
      });
    },
  );

  it('when a default region is not enabled, then the problem says it came from the defaults', () => {
    const result = resolve({ accounts: ['payments-prod'] }, { ...OPTIONS, defaultRegions: ['eu-west-1'] });
    expect(!result.ok && result.problems[0]?.message).toBe(
      'eu-west-1 is not enabled for runs (it is one of the default regions); enabled: ap-northeast-1, us-east-1.',
    );
  });

  it('when no region is given and there are no defaults, then it asks for --regions', () => {
    const result = resolve({ accounts: ['payments-prod'] }, { ...OPTIONS, defaultRegions: [] });
    expect(!result.ok && result.problems).toEqual([
      {
        kind: 'no-regions',
        input: '',
        message: 'no regions: give --regions such as --regions ap-northeast-1.',
      },
    ]);
  });

  it('when many things are wrong, then every problem is reported, and no "no accounts" on top', () => {
    const result = resolve({
      accounts: ['payments-prd', 'legacy-reporting', '999999999999'],
      organizationalUnits: ['ou-zzzz-nothere1'],
      excludeAccounts: ['nobody'],
      regions: ['eu-central-1', 'sa-east-1'],
    });
    expect(!result.ok && result.problems.map((problem) => `${problem.kind}:${problem.input}`)).toEqual([
      'unknown-account:payments-prd',
      'inactive-account:legacy-reporting',
      'unknown-account:999999999999',
      'unknown-ou:ou-zzzz-nothere1',
      'unknown-account:nobody',
      'region-not-enabled:eu-central-1',
      'region-not-enabled:sa-east-1',
    ]);
  });
});

describe('the organization builder', () => {
  it('when compared with fixtures/sandbox/organization.yml, then it mirrors its accounts and OUs', () => {
    const fixture = parseYaml(readFileSync('fixtures/sandbox/organization.yml', 'utf8')).organization as {
      managementAccountId: string;
      root: { id: string };
      organizationalUnits: Array<{ id: string; name: string; parent: string }>;
      accounts: Array<{ id: string; name: string; parent: string; status?: string }>;
    };
    expect(organization.managementAccountId).toBe(fixture.managementAccountId);
    expect(organization.organizationalUnits).toEqual(
      fixture.organizationalUnits.map(({ id, name, parent }) => ({ id, name, parentId: parent })),
    );
    const parentOf = new Map(fixture.organizationalUnits.map((unit) => [unit.id, unit.parent]));
    const pathTo = (parent: string): string[] =>
      parent === fixture.root.id ? [parent] : [...pathTo(parentOf.get(parent)!), parent];
    expect(organization.accounts).toEqual(
      fixture.accounts.map(({ id, name, parent, status }) => ({
        id,
        name,
        status: status ?? 'ACTIVE',
        path: pathTo(parent),
      })),
    );
  });
});

describe('resolveTargets: properties', () => {
  const inputs = [
    ...organization.accounts.flatMap((account) => [account.id, account.name, account.name.toUpperCase()]),
    'payments',
    'shared',
    '000000000000',
  ];
  const ous = [...organization.organizationalUnits.map((unit) => unit.id), 'ou-sbx1-zzzzzzzz'];
  const regions = ['us-east-1', 'ap-northeast-1', 'eu-west-1'];
  const requested = fc.record({
    accounts: fc.oneof(
      fc.constant('all' as const),
      fc.uniqueArray(fc.oneof(fc.constantFrom(...inputs), fc.string()), { maxLength: 5 }),
    ),
    organizationalUnits: fc.uniqueArray(fc.oneof(fc.constantFrom(...ous), fc.string()), { maxLength: 3 }),
    excludeAccounts: fc.uniqueArray(fc.oneof(fc.constantFrom(...inputs), fc.string()), { maxLength: 4 }),
    regions: fc.uniqueArray(fc.oneof(fc.constantFrom(...regions), fc.string()), { maxLength: 3 }),
  });

  it('when the request is arbitrary, then it never throws, and every target is an active account not excluded', () => {
    fc.assert(
      fc.property(requested, (request) => {
        const result = resolveTargets(request, organization, OPTIONS);
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          return;
        }
        const excluded = new Set(
          organization.accounts
            .filter((account) =>
              request.excludeAccounts.some(
                (input) => input === account.id || input.toLowerCase() === account.name.toLowerCase(),
              ),
            )
            .map((account) => account.id),
        );
        const byId = new Map(organization.accounts.map((account) => [account.id, account]));
        expect(result.targets).toHaveLength(result.accounts.length * result.regions.length);
        for (const target of result.targets) {
          expect(byId.get(target.accountId)?.status).toBe('ACTIVE');
          expect(excluded.has(target.accountId)).toBe(false);
          expect(OPTIONS.enabledRegions).toContain(target.region);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('resolveTargets: exact pairs (a retry)', () => {
  it('when pairs are given, then exactly those targets are resolved, not accounts × regions', () => {
    const result = resolve({
      accounts: ['333333333301', '333333333303'],
      regions: ['us-east-1', 'ap-northeast-1'],
      pairs: [
        { accountId: '333333333303', region: 'ap-northeast-1' },
        { accountId: '333333333301', region: 'us-east-1' },
      ],
    });
    expect(result.ok && result.targets).toEqual([
      { accountId: '333333333301', region: 'us-east-1' },
      { accountId: '333333333303', region: 'ap-northeast-1' },
    ]);
    expect(names(result)).toEqual(['payments-prod', 'search-prod']);
  });

  it('when a pair names an account suspended since, or a region no longer enabled, then each is a problem', () => {
    const result = resolve({
      accounts: ['777777777701'],
      pairs: [
        { accountId: '777777777701', region: 'ap-northeast-1' },
        { accountId: '333333333301', region: 'eu-west-1' },
      ],
    });
    expect(result.ok ? [] : result.problems.map((problem) => problem.kind)).toEqual([
      'inactive-account',
      'region-not-enabled',
    ]);
  });
});
