// decideRunPolicy's tie-breaking: every level of every dimension against its neighbours, across dimensions, ties.
import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/core/organization/organization.js';
import { decideRunPolicy } from '../../src/core/policy/decide-run-policy.js';
import { type PolicyRule, policyRuleSchema } from '../../src/core/policy/policy-schema.js';
import type { Subject } from '../../src/core/policy/subject.js';

const paymentsProd: Account = {
  id: '333333333301',
  name: 'payments-prod',
  status: 'ACTIVE',
  path: ['r-sbx1', 'ou-sbx1-workload', 'ou-sbx1-prod0001'],
};
const akiko: Subject = { userId: 'U0REQUEST1', userGroupIds: ['S0PLATFORM'], channelId: 'C0OPS00001' };
const RUNBOOK = 'AWS-StopEC2Instance';

/** The fields of a rule that set one dimension; `{}` leaves the rule unrestricted there. */
type Fragment = Record<string, unknown>;
interface Level {
  label: string;
  fields: Fragment;
}

/** Each dimension's levels for payments-prod, akiko, AWS-StopEC2Instance and ap-northeast-1, most specific first. */
const DIMENSIONS: Array<{ name: string; levels: Level[] }> = [
  {
    name: 'target',
    levels: [
      { label: 'the account id', fields: { accounts: ['333333333301'] } },
      { label: 'the Production OU (parent)', fields: { organizationalUnits: ['ou-sbx1-prod0001'] } },
      { label: 'the Workloads OU (grandparent)', fields: { organizationalUnits: ['ou-sbx1-workload'] } },
      { label: 'the root', fields: { organizationalUnits: ['r-sbx1'] } },
      { label: 'any account', fields: {} },
    ],
  },
  {
    name: 'runbook',
    levels: [
      { label: 'the exact name', fields: { runbooks: [RUNBOOK] } },
      { label: 'the glob AWS-Stop*', fields: { runbooks: ['AWS-Stop*'] } },
      { label: 'the glob AWS-*', fields: { runbooks: ['AWS-*'] } },
      { label: '*', fields: { runbooks: ['*'] } },
    ],
  },
  {
    name: 'subject',
    levels: [
      {
        label: 'user+group+channel',
        fields: { when: { users: ['U0REQUEST1'], userGroups: ['S0PLATFORM'], channels: ['C0OPS00001'] } },
      },
      { label: 'user+group', fields: { when: { users: ['U0REQUEST1'], userGroups: ['S0PLATFORM'] } } },
      { label: 'user+channel', fields: { when: { users: ['U0REQUEST1'], channels: ['C0OPS00001'] } } },
      { label: 'a user', fields: { when: { users: ['U0REQUEST1'] } } },
      { label: 'group+channel', fields: { when: { userGroups: ['S0PLATFORM'], channels: ['C0OPS00001'] } } },
      { label: 'a user group', fields: { when: { userGroups: ['S0PLATFORM'] } } },
      { label: 'a channel', fields: { when: { channels: ['C0OPS00001'] } } },
      { label: 'everyone', fields: {} },
    ],
  },
  {
    name: 'region',
    levels: [
      { label: 'listed regions', fields: { regions: ['ap-northeast-1', 'us-east-1'] } },
      { label: 'any region', fields: {} },
    ],
  },
];

const BASE: Fragment = { runbooks: ['AWS-*'] };

function aRule(name: string, effect: 'allow' | 'deny', ...fragments: Fragment[]): PolicyRule {
  return policyRuleSchema.parse(Object.assign({ name, effect }, BASE, ...fragments));
}

/** The rule that decided the one target, and how. */
function decide(rules: PolicyRule[], runbook = RUNBOOK): { effect: string; rule: string | undefined } {
  const decision = decideRunPolicy(rules, akiko, {
    runbook,
    targets: [{ account: paymentsProd, region: 'ap-northeast-1' }],
  });
  return decision.kind === 'allow'
    ? { effect: 'allow', rule: decision.perTarget[0]?.rule }
    : { effect: 'deny', rule: decision.denials[0]?.rule };
}

/** Both effects on the more specific side and both file orders: neither may change who wins. */
function expectWins(specific: Fragment[], general: Fragment[]) {
  for (const effect of ['allow', 'deny'] as const) {
    const other = effect === 'allow' ? 'deny' : 'allow';
    const winner = aRule('specific', effect, ...specific);
    const loser = aRule('general', other, ...general);
    expect(decide([winner, loser])).toEqual({ effect, rule: 'specific' });
    expect(decide([loser, winner])).toEqual({ effect, rule: 'specific' });
  }
}

const pairs = DIMENSIONS.flatMap(({ name, levels }) =>
  levels.flatMap((higher, index) =>
    levels.slice(index + 1).map((lower) => ({ dimension: name, higher, lower })),
  ),
);

describe('decideRunPolicy: within one dimension, the more specific level wins', () => {
  it.each(pairs)(
    'when $dimension is $higher.label against $lower.label, then $higher.label wins',
    ({ higher, lower }) => {
      expectWins([higher.fields], [lower.fields]);
    },
  );
});

/**
 * Dimension i one level better, every later dimension at its worst, against every later dimension at its
 * best: the earlier dimension must still decide.
 */
const crossings = DIMENSIONS.flatMap(({ name, levels }, dimensionIndex) => {
  const later = DIMENSIONS.slice(dimensionIndex + 1);
  if (later.length === 0) return [];
  const worst = later.map((dimension) => dimension.levels.at(-1)!.fields);
  const best = later.map((dimension) => dimension.levels[0]!.fields);
  return levels.slice(0, -1).map((level, index) => ({
    dimension: name,
    better: level,
    worse: levels[index + 1]!,
    laterDimensions: later.map((dimension) => dimension.name).join(', '),
    worst,
    best,
  }));
});

describe('decideRunPolicy: an earlier dimension outweighs every later one', () => {
  it.each(crossings)(
    'when $dimension is $better.label (later dimensions least specific) against $worse.label (later dimensions most specific), then $better.label wins',
    ({ better, worse, worst, best }) => {
      expectWins([...worst, better.fields], [...best, worse.fields]);
    },
  );
});

describe('decideRunPolicy: globs rank by literal characters, then literal prefix, then fewer stars, then more ?', () => {
  it.each([
    ['more literal characters beat a longer prefix', '*-StopEC2Instance', 'AWS-Stop*'],
    ['with equal literals, a longer literal prefix wins', 'AWS-Stop*', '*WS-StopE*'],
    ['with equal literals and prefix, fewer stars win', 'AWS-*Instance', 'AWS-*EC2*tance'],
    ['with equal literals, prefix and stars, more ? win', 'AWS-?*EC2Instance', 'AWS-*EC2Instance'],
    ['a glob without literals still beats stars alone', '?*', '*'],
    ['an exact name beats the longest glob', RUNBOOK, 'AWS-StopEC2Instanc?'],
  ])('when %s (%s against %s), then the first wins', (_, specific, general) => {
    expectWins([{ runbooks: [specific] }], [{ runbooks: [general] }]);
  });

  it('when a rule lists several matching patterns, then its most specific one counts', () => {
    expectWins([{ runbooks: ['*', 'AWS-Stop*'] }], [{ runbooks: ['AWS-*'] }]);
  });
});

describe('decideRunPolicy: complete ties', () => {
  it.each([
    ['the account by id and by name', { accounts: ['333333333301'] }, { accounts: ['payments-prod'] }],
    [
      'one region and two regions',
      { regions: ['ap-northeast-1'] },
      { regions: ['ap-northeast-1', 'us-east-1'] },
    ],
    ['two globs of the same rank', { runbooks: ['AWS-*Stop*'] }, { runbooks: ['AWS-*EC2I*'] }],
    ['* and **', { runbooks: ['*'] }, { runbooks: ['**'] }],
    ['identical rules', {}, {}],
    [
      'an OU alone and the same OU listed with another',
      { organizationalUnits: ['ou-sbx1-prod0001'] },
      { organizationalUnits: ['ou-sbx1-dev00001', 'ou-sbx1-prod0001'] },
    ],
  ])('when %s tie, then deny wins in either file order', (_, first, second) => {
    const allow = aRule('allow-rule', 'allow', first);
    const deny = aRule('deny-rule', 'deny', second);
    expect(decide([allow, deny])).toEqual({ effect: 'deny', rule: 'deny-rule' });
    expect(decide([deny, allow])).toEqual({ effect: 'deny', rule: 'deny-rule' });
  });

  it('when two allow rules tie, then the one first in the file wins', () => {
    const one = aRule('first-allow', 'allow', { approvalTemplate: 'one' });
    const two = aRule('second-allow', 'allow', { approvalTemplate: 'two' });
    expect(decide([one, two]).rule).toBe('first-allow');
    expect(decide([two, one]).rule).toBe('second-allow');
  });

  it('when two deny rules tie, then the one first in the file is named', () => {
    expect(decide([aRule('deny-a', 'deny'), aRule('deny-b', 'deny')]).rule).toBe('deny-a');
  });
});

describe('decideRunPolicy: a rule that lists several places ranks by the most specific one covering the target', () => {
  it('when a rule lists several OUs above the account, then the deepest of them counts', () => {
    expectWins(
      [{ organizationalUnits: ['r-sbx1', 'ou-sbx1-prod0001'] }],
      [{ organizationalUnits: ['ou-sbx1-workload'] }],
    );
  });

  it('when a rule lists the account and its OU, then it ranks as the account', () => {
    expectWins(
      [{ accounts: ['payments-prod'], organizationalUnits: ['ou-sbx1-workload'] }],
      [{ organizationalUnits: ['ou-sbx1-prod0001'] }],
    );
  });
});
