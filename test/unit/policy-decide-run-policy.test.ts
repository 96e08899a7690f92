// decideRunPolicy: who the rules speak to, where they reach, and what a run of several targets is told.
import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/core/organization/organization.js';
import { decideRunPolicy, type RunPolicyRequest } from '../../src/core/policy/decide-run-policy.js';
import { type PolicyRule, policyRuleSchema } from '../../src/core/policy/policy-schema.js';
import type { Subject } from '../../src/core/policy/subject.js';

const account = (id: string, name: string, ...path: string[]): Account => ({
  id,
  name,
  status: 'ACTIVE',
  path: ['r-sbx1', ...path],
});
const management = account('111111111111', 'management');
const paymentsProd = account('333333333301', 'payments-prod', 'ou-sbx1-workload', 'ou-sbx1-prod0001');
const identityProd = account('333333333302', 'identity-prod', 'ou-sbx1-workload', 'ou-sbx1-prod0001');
const devShared = account('555555555501', 'dev-shared', 'ou-sbx1-workload', 'ou-sbx1-dev00001');

const akiko: Subject = {
  userId: 'U0REQUEST1',
  userGroupIds: ['S0PLATFORM', 'S0ONCALL01'],
  channelId: 'C0OPS00001',
};

let ruleCount = 0;
function aRule(fields: Record<string, unknown> = {}): PolicyRule {
  return policyRuleSchema.parse({ name: `rule-${++ruleCount}`, runbooks: ['*'], ...fields });
}

function request(runbook: string, ...targets: Array<[Account, string]>): RunPolicyRequest {
  return { runbook, targets: targets.map(([target, region]) => ({ account: target, region })) };
}

const allowed = (
  rules: PolicyRule[],
  subject: Subject,
  target: [Account, string],
  runbook = 'AWS-RestartEC2Instance',
) => decideRunPolicy(rules, subject, request(runbook, target)).kind === 'allow';

describe('decideRunPolicy: whom a rule speaks to', () => {
  const cases: Array<[string, Record<string, unknown>, Partial<Subject>, boolean]> = [
    ['no `when` speaks to everyone', {}, {}, true],
    ['one of several users', { users: ['U0OTHER001', 'U0REQUEST1'] }, {}, true],
    ['a user not listed', { users: ['U0OTHER001'] }, {}, false],
    ['a W… (Enterprise Grid) user', { users: ['W0GRID0001'] }, { userId: 'W0GRID0001' }, true],
    ['a member of one of the groups', { userGroups: ['S0SECURITY', 'S0ONCALL01'] }, {}, true],
    ['a member of no listed group', { userGroups: ['S0SECURITY'] }, {}, false],
    ['someone in no group at all', { userGroups: ['S0PLATFORM'] }, { userGroupIds: [] }, false],
    ['one of the channels', { channels: ['C0OTHER001', 'C0OPS00001'] }, {}, true],
    ['a channel not listed', { channels: ['C0OTHER001'] }, {}, false],
    ['user and channel both matching', { users: ['U0REQUEST1'], channels: ['C0OPS00001'] }, {}, true],
    [
      'the user matching in the wrong channel',
      { users: ['U0REQUEST1'], channels: ['C0OTHER001'] },
      {},
      false,
    ],
    ['the group matching but not the user', { users: ['U0OTHER001'], userGroups: ['S0PLATFORM'] }, {}, false],
    [
      'every key matching',
      { users: ['U0REQUEST1'], userGroups: ['S0PLATFORM'], channels: ['C0OPS00001'] },
      {},
      true,
    ],
  ];
  it.each(cases)('when the rule names %s, then it applies: %s', (_, when, subjectChanges, applies) => {
    const rule = aRule(Object.keys(when).length > 0 ? { when } : {});
    expect(allowed([rule], { ...akiko, ...subjectChanges }, [paymentsProd, 'us-east-1'])).toBe(applies);
  });
});

describe('decideRunPolicy: where a rule reaches', () => {
  const cases: Array<[string, Record<string, unknown>, [Account, string], boolean]> = [
    ['no accounts or OUs: every account', {}, [management, 'us-east-1'], true],
    ['the account id', { accounts: ['333333333301'] }, [paymentsProd, 'us-east-1'], true],
    ['the account name', { accounts: ['payments-prod'] }, [paymentsProd, 'us-east-1'], true],
    ['another account by name', { accounts: ['identity-prod'] }, [paymentsProd, 'us-east-1'], false],
    ['the account name in another case', { accounts: ['Payments-Prod'] }, [paymentsProd, 'us-east-1'], false],
    ['the parent OU', { organizationalUnits: ['ou-sbx1-prod0001'] }, [paymentsProd, 'us-east-1'], true],
    [
      'a grandparent OU (nested)',
      { organizationalUnits: ['ou-sbx1-workload'] },
      [devShared, 'us-east-1'],
      true,
    ],
    ['a sibling OU', { organizationalUnits: ['ou-sbx1-dev00001'] }, [paymentsProd, 'us-east-1'], false],
    [
      'an OU the account is not in (it sits in the root)',
      { organizationalUnits: ['ou-sbx1-prod0001'] },
      [management, 'us-east-1'],
      false,
    ],
    ['the root', { organizationalUnits: ['r-sbx1'] }, [management, 'us-east-1'], true],
    [
      'accounts or OUs: either covers',
      { accounts: ['management'], organizationalUnits: ['ou-sbx1-dev00001'] },
      [devShared, 'us-east-1'],
      true,
    ],
    ['a listed region', { regions: ['ap-northeast-1', 'us-east-1'] }, [paymentsProd, 'us-east-1'], true],
    ['another region', { regions: ['ap-northeast-1'] }, [paymentsProd, 'us-east-1'], false],
  ];
  it.each(cases)('when the rule names %s, then it covers the target: %s', (_, where, target, covers) => {
    expect(allowed([aRule(where)], akiko, target)).toBe(covers);
  });
});

describe('decideRunPolicy: which runbooks a rule names', () => {
  it.each([
    [['AWS-RestartEC2Instance'], 'AWS-RestartEC2Instance', true],
    [['AWS-*'], 'AWS-RestartEC2Instance', true],
    [['AWS-*'], 'aws-RestartEC2Instance', false],
    [['AWS-RestartEC2Instanc?'], 'AWS-RestartEC2Instance', true],
    [['AWS-RestartEC2Instance'], 'AWS-RestartEC2Instance2', false],
    [['Platform-*', 'AWS-Restart*'], 'AWS-RestartEC2Instance', true],
    [['AWS.Restart*'], 'AWSxRestartEC2Instance', false],
  ])('when the rule names %j, then %s is covered: %s', (runbooks, runbook, covered) => {
    expect(allowed([aRule({ runbooks })], akiko, [paymentsProd, 'us-east-1'], runbook)).toBe(covered);
  });
});

describe('decideRunPolicy: decisions over several targets', () => {
  const platformProd = aRule({
    name: 'platform-prod',
    when: { userGroups: ['S0PLATFORM'] },
    runbooks: ['AWS-*'],
    organizationalUnits: ['ou-sbx1-prod0001'],
    approvalTemplate: 'prod-change',
  });
  const identityUsEast = aRule({
    name: 'identity-us-east-frozen',
    effect: 'deny',
    runbooks: ['AWS-*'],
    accounts: ['identity-prod'],
    regions: ['us-east-1'],
  });
  const prodNoStop = aRule({
    name: 'prod-readonly',
    effect: 'deny',
    runbooks: ['AWS-StopEC2Instance'],
    organizationalUnits: ['ou-sbx1-prod0001'],
  });

  it('when every target is allowed, then the winning rules and their templates are listed once', () => {
    const devAnything = aRule({ name: 'dev-anything', organizationalUnits: ['ou-sbx1-dev00001'] });
    const decision = decideRunPolicy(
      [platformProd, devAnything],
      akiko,
      request(
        'AWS-RestartEC2Instance',
        [paymentsProd, 'ap-northeast-1'],
        [paymentsProd, 'us-east-1'],
        [devShared, 'ap-northeast-1'],
        [identityProd, 'ap-northeast-1'],
      ),
    );
    expect(decision).toEqual({
      kind: 'allow',
      rules: ['platform-prod', 'dev-anything'],
      approvalTemplates: ['prod-change'],
      perTarget: [
        {
          accountId: '333333333301',
          accountName: 'payments-prod',
          region: 'ap-northeast-1',
          rule: 'platform-prod',
          approvalTemplate: 'prod-change',
        },
        {
          accountId: '333333333301',
          accountName: 'payments-prod',
          region: 'us-east-1',
          rule: 'platform-prod',
          approvalTemplate: 'prod-change',
        },
        {
          accountId: '555555555501',
          accountName: 'dev-shared',
          region: 'ap-northeast-1',
          rule: 'dev-anything',
        },
        {
          accountId: '333333333302',
          accountName: 'identity-prod',
          region: 'ap-northeast-1',
          rule: 'platform-prod',
          approvalTemplate: 'prod-change',
        },
      ],
    });
  });

  it('when winning rules carry different templates, then each distinct template is collected once', () => {
    const staging = aRule({ name: 'staging', accounts: ['dev-shared'], approvalTemplate: 'staging-change' });
    const decision = decideRunPolicy(
      [platformProd, staging],
      akiko,
      request(
        'AWS-RestartEC2Instance',
        [paymentsProd, 'us-east-1'],
        [devShared, 'us-east-1'],
        [identityProd, 'us-east-1'],
      ),
    );
    expect(decision).toMatchObject({
      kind: 'allow',
      rules: ['platform-prod', 'staging'],
      approvalTemplates: ['prod-change', 'staging-change'],
    });
  });

  it('when a losing allow rule has a template, then it is not collected', () => {
    const everywhereWithTemplate = aRule({ name: 'everywhere', approvalTemplate: 'global-change' });
    const decision = decideRunPolicy(
      [everywhereWithTemplate, aRule({ name: 'payments', accounts: ['333333333301'] })],
      akiko,
      request('AWS-RestartEC2Instance', [paymentsProd, 'us-east-1']),
    );
    expect(decision).toMatchObject({ kind: 'allow', rules: ['payments'], approvalTemplates: [] });
  });

  it('when one target of four is denied, then the whole run is denied and the denial lists exactly that target', () => {
    const decision = decideRunPolicy(
      [platformProd, identityUsEast],
      akiko,
      request(
        'AWS-RestartEC2Instance',
        [paymentsProd, 'ap-northeast-1'],
        [paymentsProd, 'us-east-1'],
        [identityProd, 'ap-northeast-1'],
        [identityProd, 'us-east-1'],
      ),
    );
    expect(decision).toEqual({
      kind: 'deny',
      denials: [
        {
          accountId: '333333333302',
          accountName: 'identity-prod',
          region: 'us-east-1',
          rule: 'identity-us-east-frozen',
        },
      ],
    });
  });

  it('when a deny rule without regions wins, then the denial names that rule', () => {
    const decision = decideRunPolicy(
      [platformProd, prodNoStop],
      akiko,
      request('AWS-StopEC2Instance', [paymentsProd, 'ap-northeast-1']),
    );
    expect(decision).toEqual({
      kind: 'deny',
      denials: [
        {
          accountId: '333333333301',
          accountName: 'payments-prod',
          region: 'ap-northeast-1',
          rule: 'prod-readonly',
        },
      ],
    });
  });

  it('when some targets are denied by a rule and others by no rule, then each denial says which', () => {
    const decision = decideRunPolicy(
      [platformProd, prodNoStop],
      akiko,
      request('AWS-StopEC2Instance', [paymentsProd, 'us-east-1'], [devShared, 'us-east-1']),
    );
    expect(
      decision.kind === 'deny' && decision.denials.map(({ accountName, rule }) => [accountName, rule]),
    ).toEqual([
      ['payments-prod', 'prod-readonly'],
      ['dev-shared', undefined],
    ]);
  });

  it('when there are no rules at all, then every target is denied with no rule named', () => {
    const decision = decideRunPolicy(
      [],
      akiko,
      request('AWS-StopEC2Instance', [identityProd, 'us-east-1'], [devShared, 'ap-northeast-1']),
    );
    expect(decision).toEqual({
      kind: 'deny',
      denials: [
        {
          accountId: '333333333302',
          accountName: 'identity-prod',
          region: 'us-east-1',
          rule: undefined,
        },
        {
          accountId: '555555555501',
          accountName: 'dev-shared',
          region: 'ap-northeast-1',
          rule: undefined,
        },
      ],
    });
  });

  it('when only deny rules apply, then the run is denied by the most specific of them', () => {
    const decision = decideRunPolicy(
      [aRule({ name: 'deny-all', effect: 'deny' }), prodNoStop],
      akiko,
      request('AWS-StopEC2Instance', [paymentsProd, 'us-east-1']),
    );
    expect(decision.kind === 'deny' && decision.denials[0]?.rule).toBe('prod-readonly');
  });

  it('when the request has no targets, then it is denied with nothing to list', () => {
    expect(decideRunPolicy([aRule()], akiko, request('AWS-StopEC2Instance'))).toEqual({
      kind: 'deny',
      denials: [],
    });
  });
});
