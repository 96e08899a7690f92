// decideRunPolicy's properties over random policies: total, deterministic, and blind to what cannot apply.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/core/organization/organization.js';
import { decideRunPolicy } from '../../src/core/policy/decide-run-policy.js';
import type { PolicyRule } from '../../src/core/policy/policy-schema.js';

const account = (id: string, name: string, ...path: string[]): Account => ({
  id,
  name,
  status: 'ACTIVE',
  path: ['r-sbx1', ...path],
});
const ACCOUNTS = [
  account('111111111111', 'management'),
  account('333333333301', 'payments-prod', 'ou-sbx1-workload', 'ou-sbx1-prod0001'),
  account('333333333302', 'identity-prod', 'ou-sbx1-workload', 'ou-sbx1-prod0001'),
  account('555555555501', 'dev-shared', 'ou-sbx1-workload', 'ou-sbx1-dev00001'),
];

// Random policies over small pools, so that rules often overlap and tie.
const RUNBOOKS = ['AWS-RestartEC2Instance', 'AWS-StopEC2Instance', 'Platform-CleanupUnusedAmis'];
const PATTERNS = [...RUNBOOKS, 'AWS-*', 'AWS-?top*', '*Instance', '*', 'Platform-*', '*-*'];
const REGIONS = ['ap-northeast-1', 'us-east-1', 'eu-west-1'];
const USERS = ['U0REQUEST1', 'U0OTHER001'];
const GROUPS = ['S0PLATFORM', 'S0SECURITY'];
const CHANNELS = ['C0OPS00001', 'C0OTHER001'];
const ACCOUNT_REFS = ['111111111111', '333333333301', 'identity-prod', 'dev-shared'];
const OUS = ['r-sbx1', 'ou-sbx1-workload', 'ou-sbx1-prod0001', 'ou-sbx1-dev00001'];

const someOf = (pool: string[]) => fc.option(fc.subarray(pool, { minLength: 1 }), { nil: undefined });

const ruleFields = fc.record({
  effect: fc.constantFrom('allow' as const, 'deny' as const),
  when: fc.option(
    fc.record({ users: someOf(USERS), userGroups: someOf(GROUPS), channels: someOf(CHANNELS) }),
    {
      nil: undefined,
    },
  ),
  runbooks: fc.subarray(PATTERNS, { minLength: 1 }),
  accounts: someOf(ACCOUNT_REFS),
  organizationalUnits: someOf(OUS),
  regions: someOf(REGIONS),
  approvalTemplate: fc.option(fc.constantFrom('prod-change', 'staging-change'), { nil: undefined }),
});

/** Valid rules as the schema would produce them: unique names, no template on deny, no empty `when`. */
const policiesArbitrary = fc.array(ruleFields, { maxLength: 12 }).map((rules) =>
  rules.map(
    (fields, index): PolicyRule => ({
      ...fields,
      name: `random-${index}`,
      when:
        fields.when && (fields.when.users || fields.when.userGroups || fields.when.channels)
          ? fields.when
          : undefined,
      approvalTemplate: fields.effect === 'allow' ? fields.approvalTemplate : undefined,
    }),
  ),
);
const subjectArbitrary = fc.record({
  userId: fc.constantFrom(...USERS),
  userGroupIds: fc.subarray(GROUPS),
  channelId: fc.constantFrom(...CHANNELS),
});
const requestArbitrary = fc.record({
  runbook: fc.constantFrom(...RUNBOOKS),
  targets: fc.array(
    fc.record({ account: fc.constantFrom(...ACCOUNTS), region: fc.constantFrom(...REGIONS) }),
    { minLength: 1, maxLength: 6 },
  ),
});

/** What must not depend on the order of rules: the outcome and which targets are refused. */
const outcome = (decision: ReturnType<typeof decideRunPolicy>) =>
  decision.kind === 'allow'
    ? { kind: 'allow' }
    : { kind: 'deny', refused: decision.denials.map(({ accountId, region }) => `${accountId}:${region}`) };

describe('decideRunPolicy: properties over random policies', () => {
  it('when called twice with the same input, then it never throws and decides the same', () => {
    fc.assert(
      fc.property(policiesArbitrary, subjectArbitrary, requestArbitrary, (policies, subject, runRequest) => {
        expect(decideRunPolicy(policies, subject, runRequest)).toEqual(
          decideRunPolicy(policies, subject, runRequest),
        );
      }),
    );
  });

  it('when a rule whose `when` never matches the subject is inserted anywhere, then the decision is unchanged', () => {
    fc.assert(
      fc.property(
        policiesArbitrary,
        subjectArbitrary,
        requestArbitrary,
        ruleFields,
        fc.nat(),
        (policies, subject, runRequest, fields, at) => {
          const stranger: PolicyRule = {
            ...fields,
            name: 'stranger',
            when: { ...fields.when, users: ['U0STRANGER'] },
            approvalTemplate: fields.effect === 'allow' ? fields.approvalTemplate : undefined,
          };
          const index = at % (policies.length + 1);
          const withStranger = [...policies.slice(0, index), stranger, ...policies.slice(index)];
          expect(decideRunPolicy(withStranger, subject, runRequest)).toEqual(
            decideRunPolicy(policies, subject, runRequest),
          );
        },
      ),
    );
  });

  it('when the rules are shuffled, then the outcome and the refused targets stay the same', () => {
    fc.assert(
      fc.property(
        policiesArbitrary.chain((policies) =>
          fc.tuple(fc.constant(policies), fc.shuffledSubarray(policies, { minLength: policies.length })),
        ),
        subjectArbitrary,
        requestArbitrary,
        ([policies, shuffled], subject, runRequest) => {
          expect(outcome(decideRunPolicy(shuffled, subject, runRequest))).toEqual(
            outcome(decideRunPolicy(policies, subject, runRequest)),
          );
        },
      ),
    );
  });

  it('when a run has several targets, then it is allowed exactly when each target alone is, and denied where they are', () => {
    fc.assert(
      fc.property(policiesArbitrary, subjectArbitrary, requestArbitrary, (policies, subject, runRequest) => {
        const alone = runRequest.targets.map((target) =>
          decideRunPolicy(policies, subject, { runbook: runRequest.runbook, targets: [target] }),
        );
        const together = decideRunPolicy(policies, subject, runRequest);
        const denials = alone.flatMap((decision) => (decision.kind === 'deny' ? decision.denials : []));
        if (denials.length === 0) {
          expect(together.kind).toBe('allow');
          expect(together.kind === 'allow' && together.perTarget).toEqual(
            alone.flatMap((decision) => (decision.kind === 'allow' ? decision.perTarget : [])),
          );
        } else {
          expect(together).toEqual({ kind: 'deny', denials });
        }
      }),
    );
  });
});
