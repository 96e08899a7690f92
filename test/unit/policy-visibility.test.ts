// What pickers may offer (runbooksVisibleTo, allowedAccountScope), who operates (isOperator), template references,
// and who may see a run or a change (isVisibleTo).
import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/core/organization/organization.js';
import { accountMayBeTargeted, allowedAccountScope } from '../../src/core/policy/allowed-account-scope.js';
import { checkPolicyReferences } from '../../src/core/policy/check-policy-references.js';
import { isOperator } from '../../src/core/policy/is-operator.js';
import { type Audience, isVisibleTo, membershipToCheck } from '../../src/core/policy/is-visible-to.js';
import { type PolicyRule, policyRuleSchema } from '../../src/core/policy/policy-schema.js';
import { runbooksVisibleTo } from '../../src/core/policy/runbooks-visible-to.js';
import type { Subject } from '../../src/core/policy/subject.js';

const account = (id: string, name: string, ...path: string[]): Account => ({
  id,
  name,
  status: 'ACTIVE',
  path: ['r-sbx1', ...path],
});
const paymentsProd = account('333333333301', 'payments-prod', 'ou-sbx1-workload', 'ou-sbx1-prod0001');
const devShared = account('555555555501', 'dev-shared', 'ou-sbx1-workload', 'ou-sbx1-dev00001');
const logArchive = account('666666666601', 'log-archive', 'ou-sbx1-security');

const akiko: Subject = { userId: 'U0REQUEST1', userGroupIds: ['S0PLATFORM'], channelId: 'C0OPS00001' };
const stranger: Subject = { userId: 'U0OTHER001', userGroupIds: [], channelId: 'C0OTHER001' };
const RUNBOOKS = ['AWS-RestartEC2Instance', 'AWS-StopEC2Instance', 'Platform-CleanupUnusedAmis'];

let ruleCount = 0;
function aRule(fields: Record<string, unknown> = {}): PolicyRule {
  return policyRuleSchema.parse({ name: `rule-${++ruleCount}`, runbooks: ['*'], ...fields });
}
const platform = { when: { userGroups: ['S0PLATFORM'] } };

describe('runbooksVisibleTo', () => {
  const cases: Array<[string, PolicyRule[], Subject, string[]]> = [
    ['no rules', [], akiko, []],
    ['an allow rule for a glob', [aRule({ ...platform, runbooks: ['AWS-*'] })], akiko, RUNBOOKS.slice(0, 2)],
    ['an allow rule for someone else', [aRule({ ...platform, runbooks: ['AWS-*'] })], stranger, []],
    ['an allow rule bound to one account', [aRule({ accounts: ['dev-shared'] })], stranger, RUNBOOKS],
    [
      'a more specific blanket deny',
      [aRule({ runbooks: ['AWS-*'] }), aRule({ effect: 'deny', runbooks: ['AWS-StopEC2Instance'] })],
      akiko,
      ['AWS-RestartEC2Instance'],
    ],
    [
      'a less specific blanket deny',
      [aRule({ runbooks: ['AWS-StopEC2Instance'] }), aRule({ effect: 'deny', runbooks: ['AWS-*'] })],
      akiko,
      ['AWS-StopEC2Instance'],
    ],
    [
      'a blanket deny tying the allow rule',
      [aRule({ runbooks: ['AWS-*'] }), aRule({ effect: 'deny', runbooks: ['AWS-*'] })],
      akiko,
      [],
    ],
    [
      'a deny bound to an account',
      [
        aRule({ runbooks: ['AWS-*'] }),
        aRule({ effect: 'deny', runbooks: ['AWS-*'], accounts: ['payments-prod'] }),
      ],
      akiko,
      RUNBOOKS.slice(0, 2),
    ],
    [
      'an allow bound to an OU against a blanket deny of the exact name',
      [
        aRule({ runbooks: ['AWS-*'], organizationalUnits: ['ou-sbx1-dev00001'] }),
        aRule({ effect: 'deny', runbooks: ['AWS-StopEC2Instance'] }),
      ],
      akiko,
      RUNBOOKS.slice(0, 2),
    ],
    [
      'a deny of one region against an allow in any region',
      [
        aRule({ runbooks: ['AWS-*'] }),
        aRule({ effect: 'deny', runbooks: ['AWS-*'], regions: ['us-east-1'] }),
      ],
      akiko,
      RUNBOOKS.slice(0, 2),
    ],
    [
      'a deny of every region the allow lists',
      [
        aRule({ runbooks: ['AWS-*'], regions: ['us-east-1'] }),
        aRule({ effect: 'deny', runbooks: ['AWS-*'], regions: ['us-east-1', 'eu-west-1'] }),
      ],
      akiko,
      [],
    ],
    [
      'a blanket deny for everyone against an allow for the user',
      [
        aRule({ when: { users: ['U0REQUEST1'] }, runbooks: ['AWS-*'] }),
        aRule({ effect: 'deny', runbooks: ['AWS-*'] }),
      ],
      akiko,
      RUNBOOKS.slice(0, 2),
    ],
    [
      'one overridden allow and another that stands',
      [
        aRule({ runbooks: ['AWS-*'] }),
        aRule({ runbooks: ['AWS-StopEC2Instance'], ...platform }),
        aRule({ effect: 'deny', runbooks: ['AWS-StopEC2Instance'] }),
      ],
      akiko,
      RUNBOOKS.slice(0, 2),
    ],
  ];
  it.each(cases)(
    'when the policy has %s, then the subject sees the right runbooks',
    (_, policies, subject, visible) => {
      expect(runbooksVisibleTo(policies, subject, RUNBOOKS)).toEqual(visible);
    },
  );

  it('when names are given in some order, then the visible ones keep it', () => {
    expect(runbooksVisibleTo([aRule()], akiko, ['Z-Last', 'A-First', 'M-Middle'])).toEqual([
      'Z-Last',
      'A-First',
      'M-Middle',
    ]);
  });
});

describe('allowedAccountScope and accountMayBeTargeted', () => {
  it('when an allow rule has no account restriction, then every account may be offered', () => {
    const scope = allowedAccountScope(
      [aRule({ accounts: ['dev-shared'] }), aRule()],
      akiko,
      'AWS-StopEC2Instance',
    );
    expect(scope).toEqual({ allAccounts: true, accountRefs: [], organizationalUnitIds: [] });
    expect(accountMayBeTargeted(scope, logArchive)).toBe(true);
  });

  it('when allow rules name accounts and OUs, then the scope is their union, each once', () => {
    const scope = allowedAccountScope(
      [
        aRule({ accounts: ['dev-shared', '333333333301'] }),
        aRule({ accounts: ['dev-shared'], organizationalUnits: ['ou-sbx1-prod0001'] }),
        aRule({ runbooks: ['Platform-*'], accounts: ['log-archive'] }),
        aRule({ ...platform, accounts: ['666666666602'] }),
      ],
      stranger,
      'AWS-StopEC2Instance',
    );
    expect(scope).toEqual({
      allAccounts: false,
      accountRefs: ['dev-shared', '333333333301'],
      organizationalUnitIds: ['ou-sbx1-prod0001'],
    });
  });

  it('when an allow rule is overridden everywhere, then its accounts are not offered', () => {
    const scope = allowedAccountScope(
      [aRule({ runbooks: ['AWS-*'] }), aRule({ effect: 'deny', runbooks: ['AWS-StopEC2Instance'] })],
      akiko,
      'AWS-StopEC2Instance',
    );
    expect(scope).toEqual({ allAccounts: false, accountRefs: [], organizationalUnitIds: [] });
    expect(accountMayBeTargeted(scope, paymentsProd)).toBe(false);
  });

  it.each([
    ['by id', { accountRefs: ['333333333301'] }, paymentsProd, true],
    ['by name', { accountRefs: ['payments-prod'] }, paymentsProd, true],
    ['by parent OU', { organizationalUnitIds: ['ou-sbx1-prod0001'] }, paymentsProd, true],
    ['by a grandparent OU', { organizationalUnitIds: ['ou-sbx1-workload'] }, devShared, true],
    ['by the root', { organizationalUnitIds: ['r-sbx1'] }, logArchive, true],
    [
      'not at all',
      { accountRefs: ['dev-shared'], organizationalUnitIds: ['ou-sbx1-prod0001'] },
      logArchive,
      false,
    ],
  ])('when the scope holds the account %s, then it may be targeted: %s', (_, scope, target, expected) => {
    const full = { allAccounts: false, accountRefs: [], organizationalUnitIds: [], ...scope };
    expect(accountMayBeTargeted(full, target)).toBe(expected);
  });
});

describe('isOperator', () => {
  const operators = { users: ['U0ADMIN001'], userGroups: ['S0SRE00001'] };
  it.each([
    ['a listed user', { ...stranger, userId: 'U0ADMIN001' }, true],
    ['a member of a listed group', { ...stranger, userGroupIds: ['S0PLATFORM', 'S0SRE00001'] }, true],
    ['anyone else', akiko, false],
  ])('when the subject is %s, then they operate: %s', (_, subject, expected) => {
    expect(isOperator(operators, subject)).toBe(expected);
  });

  it('when no operators are configured, then nobody operates', () => {
    expect(isOperator({ users: [], userGroups: [] }, akiko)).toBe(false);
  });
});

describe('checkPolicyReferences', () => {
  const policies = [
    aRule({ name: 'prod', approvalTemplate: 'prod-change' }),
    aRule({ name: 'staging', approvalTemplate: 'prod-chnage' }),
    aRule({ name: 'dev' }),
    aRule({ name: 'other', approvalTemplate: 'emergency' }),
  ];

  it('when templates are missing, then each reference names its key, with a suggestion when one is close', () => {
    expect(checkPolicyReferences(policies, new Set(['prod-change', 'staging-change']))).toEqual([
      {
        ruleIndex: 1,
        template: 'prod-chnage',
        reason: 'is not an approval template; did you mean prod-change?',
      },
      { ruleIndex: 3, template: 'emergency', reason: 'is not an approval template' },
    ]);
  });

  it('when no templates are defined, then the reason says so', () => {
    expect(checkPolicyReferences(policies.slice(0, 1), [])).toEqual([
      {
        ruleIndex: 0,
        template: 'prod-change',
        reason: 'is not an approval template; no approvalTemplates are defined',
      },
    ]);
  });

  it('when every reference resolves, then there is no problem', () => {
    expect(checkPolicyReferences(policies.slice(0, 1), ['prod-change'])).toEqual([]);
  });
});

describe('isVisibleTo', () => {
  const audience: Audience = {
    requester: 'U0REQUEST1',
    channels: ['C0OPS00001', 'C0APPROVAL'],
    approvers: { users: ['U0APPROVE3'], userGroups: ['S0SRELEADS'] },
  };
  const operators = { users: ['U0OPERATE1'], userGroups: ['S0SECURITY'] };
  const from = (userId: string, userGroupIds: string[], channelId = 'C0OTHER001'): Subject => ({
    userId,
    userGroupIds,
    channelId,
  });

  it.each([
    ['its requester, from elsewhere', true, from('U0REQUEST1', [])],
    ['an operator by name', true, from('U0OPERATE1', [])],
    ['an operator by user group', true, from('U0OTHER002', ['S0SECURITY'])],
    ['an approver by name', true, from('U0APPROVE3', [])],
    ['an approver by user group', true, from('U0APPROVE1', ['S0SRELEADS'])],
    ['anyone in the channel it was asked in', true, from('U0OTHER001', [], 'C0OPS00001')],
    ['anyone in its approvals channel', true, from('U0OTHER001', [], 'C0APPROVAL')],
    ['someone else, from elsewhere', false, from('U0OTHER001', ['S0PLATFORM'])],
  ])('when %s asks, then they see it: %s', (_, expected, subject) => {
    expect(isVisibleTo(subject, operators, audience)).toBe(expected);
  });

  it.each([
    ['a member of the channel it was asked in, asking from elsewhere', true, ['C0OPS00001']],
    ['a member of its approvals channel, asking from elsewhere', true, ['C0APPROVAL']],
    ['a member of other channels only', false, ['C0OTHER001', 'C0OTHER002']],
    ['a member of no channel', false, []],
  ])('when %s asks, then they see it: %s', (_, expected, channels) => {
    const mallory = from('U0OUTSIDE1', [], 'C0OTHER001');
    expect(isVisibleTo(mallory, operators, audience, new Set(channels))).toBe(expected);
  });
});

describe('membershipToCheck', () => {
  const operators = { users: ['U0OPERATE1'], userGroups: [] };
  const inOps: Audience = {
    requester: 'U0REQUEST1',
    channels: ['C0OPS00001'],
    approvers: { users: [], userGroups: [] },
  };
  const inNotify: Audience = { ...inOps, channels: ['C0NOTIFY01', 'C0APPROVAL'] };
  const from = (userId: string, channelId = 'C0OTHER001'): Subject => ({
    userId,
    userGroupIds: [],
    channelId,
  });

  it.each([
    ['an operator', from('U0OPERATE1'), []],
    ['the requester', from('U0REQUEST1'), []],
    [
      'someone asking from one of the channels',
      from('U0OUTSIDE1', 'C0OPS00001'),
      ['C0NOTIFY01', 'C0APPROVAL'],
    ],
    ['someone else, from elsewhere', from('U0OUTSIDE1'), ['C0OPS00001', 'C0NOTIFY01', 'C0APPROVAL']],
  ])('when %s asks, then Slack is asked about %j', (_, subject, expected) => {
    expect(membershipToCheck(subject, operators, [inOps, inNotify, inOps])).toEqual(expected);
  });
});
