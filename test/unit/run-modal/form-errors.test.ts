// formErrors: every problem planRun can return lands on the form field to fix, in plain words.
import { describe, expect, it } from 'vitest';
import type { RunTargets } from '../../../src/core/command/ssm-command.js';
import type { RunDenial } from '../../../src/core/policy/decide-run-policy.js';
import { bindParameters } from '../../../src/core/runbook/bind-parameters.js';
import type { ParameterProblem } from '../../../src/core/runbook/parameter-problem.js';
import { resolveTargets, type TargetProblem } from '../../../src/core/targets/resolve-targets.js';
import { BlockId } from '../../../src/slack/ids.js';
import { formErrors } from '../../../src/slack/run-modal/form-errors.js';
import { anAccount, anOrganization, HOME_ACCOUNT_ID } from '../../support/organization-builder.js';
import { aRunbook } from './run-form-fixtures.js';

const runbook = aRunbook('AWS-RestartEC2Instance');
const OPTIONS = {
  enabledRegions: ['us-east-1', 'ap-northeast-1'],
  defaultRegions: ['ap-northeast-1'],
  homeAccountId: HOME_ACCOUNT_ID,
};

/** The problems resolveTargets really reports for these targets. */
function targetProblems(
  fields: Partial<RunTargets>,
  options = OPTIONS,
  organization = anOrganization(),
): TargetProblem[] {
  const result = resolveTargets(
    { accounts: [], organizationalUnits: [], excludeAccounts: [], regions: [], ...fields },
    organization,
    options,
  );
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

/** The problems bindParameters really reports for these values. */
function parameterProblems(raw: Record<string, string>, name = 'AWS-RestartEC2Instance'): ParameterProblem[] {
  const result = bindParameters(aRunbook(name), raw, { reservedParameters: ['AutomationAssumeRole'] });
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

const invalid = (fields: { parameterProblems?: ParameterProblem[]; targetProblems?: TargetProblem[] }) =>
  formErrors({ kind: 'invalid', runbook, parameterProblems: [], targetProblems: [], ...fields });

describe('formErrors: missing pieces', () => {
  it('when targets and a parameter are missing, then the accounts field and the parameter field say so', () => {
    expect(
      formErrors({ kind: 'incomplete', runbook, missing: ['targets', { parameter: 'InstanceId' }] }),
    ).toEqual({
      [BlockId.accounts]: 'Choose at least one account or OU.',
      [BlockId.parameter('InstanceId')]: 'Required.',
    });
  });

  it('when the runbook is missing or unknown, then no field can say so and the caller must', () => {
    expect(formErrors({ kind: 'incomplete', missing: ['runbook'] })).toEqual({});
    expect(
      formErrors({ kind: 'unknown-runbook', name: 'Nope', suggestions: ['AWS-RestartEC2Instance'] }),
    ).toEqual({});
  });
});

describe('formErrors: the window of a scheduled change', () => {
  it.each([
    [{ code: 'schedule-not-governed' } as const, BlockId.startAt, /Only changes can be scheduled/],
    [
      {
        code: 'window-invalid',
        problem: { code: 'in-the-past', flag: 'start-at', at: '2026-01-01T00:00:00Z' },
      } as const,
      BlockId.startAt,
      /has passed/,
    ],
    [
      {
        code: 'window-invalid',
        problem: { code: 'in-the-past', flag: 'end-by', at: '2026-01-01T00:00:00Z' },
      } as const,
      BlockId.endBy,
      /has passed/,
    ],
    [
      {
        code: 'window-invalid',
        problem: {
          code: 'ends-before-start',
          startAt: '2026-01-01T02:00:00Z',
          endBy: '2026-01-01T01:00:00Z',
        },
      } as const,
      BlockId.endBy,
      /after the start/,
    ],
  ])('when the form is refused with %j, then the field to fix says so', (refusal, blockId, message) => {
    const errors = formErrors({ kind: 'change-refused', refusal });
    expect(Object.keys(errors)).toEqual([blockId]);
    expect(errors[blockId]).toMatch(message);
  });
});

describe('formErrors: parameter problems', () => {
  it('when a value is invalid, then its field quotes the problem without Slack markup', () => {
    const errors = invalid({ parameterProblems: parameterProblems({ InstanceId: 'web-01' }) });
    expect(Object.keys(errors)).toEqual([BlockId.parameter('InstanceId')]);
    expect(errors[BlockId.parameter('InstanceId')]).toContain('"web-01"');
    expect(errors[BlockId.parameter('InstanceId')]).not.toContain('`');
  });

  it('when a required parameter is missing, then its field says Required', () => {
    expect(invalid({ parameterProblems: parameterProblems({}, 'AWS-EnableS3BucketEncryption') })).toEqual({
      [BlockId.parameter('BucketName')]: 'Required.',
    });
  });

  it('when a parameter is unknown or reserved (the form has no field for it), then the reason field says so', () => {
    const errors = invalid({
      parameterProblems: parameterProblems({
        InstanceId: 'i-0123456789abcdef0',
        InstanceID: 'i-0123456789abcdef0',
        AutomationAssumeRole: 'x',
      }),
    });
    expect(Object.keys(errors)).toEqual([BlockId.reason]);
    expect(errors[BlockId.reason]).toMatch(
      /"InstanceID" is not a parameter of AWS-RestartEC2Instance\..*Open the form again\./,
    );
    expect(errors[BlockId.reason]).toContain('"AutomationAssumeRole" is set by the bot');
  });
});

describe('formErrors: target problems', () => {
  const clash = anOrganization({ extraAccounts: [anAccount({ id: '999999999901', name: 'payments-prod' })] });
  it.each<[string, TargetProblem[], string, RegExp]>([
    [
      'an unknown account',
      targetProblems({ accounts: ['123456789012'] }),
      BlockId.accounts,
      /^"123456789012" is not an account id/,
    ],
    [
      'an ambiguous account',
      targetProblems({ accounts: ['payments-prod'] }, OPTIONS, clash),
      BlockId.accounts,
      /names 2 accounts/,
    ],
    [
      'an inactive account',
      targetProblems({ accounts: ['777777777701'] }),
      BlockId.accounts,
      /^legacy-reporting \(777777777701\) is SUSPENDED/,
    ],
    [
      'an OU with no active account',
      targetProblems({ organizationalUnits: ['ou-sbx1-suspend1'] }),
      BlockId.accounts,
      /^no active accounts in ou-sbx1-suspend1/,
    ],
    ['no accounts at all', targetProblems({}), BlockId.accounts, /^Choose at least one account or OU\.$/],
    [
      'everything excluded',
      targetProblems({ accounts: ['333333333301'], excludeAccounts: ['333333333301'] }),
      BlockId.accounts,
      /excludes every selected account/,
    ],
    [
      'an unknown OU',
      targetProblems({ organizationalUnits: ['ou-sbx1-prod0002'] }),
      BlockId.organizationalUnits,
      /^"ou-sbx1-prod0002" is not an OU.*Did you mean "ou-sbx1-prod0001"/,
    ],
    [
      'a region not enabled',
      targetProblems({ accounts: ['333333333301'], regions: ['eu-west-1'] }),
      BlockId.regions,
      /^eu-west-1 is not enabled for runs/,
    ],
    [
      'no regions',
      targetProblems({ accounts: ['333333333301'] }, { ...OPTIONS, defaultRegions: [] }),
      BlockId.regions,
      /^Choose at least one region\.$/,
    ],
  ])('when the targets have %s, then that field says so', (_case, problems, blockId, message) => {
    const errors = invalid({ targetProblems: problems });
    expect(Object.keys(errors)).toEqual([blockId]);
    expect(errors[blockId]).toMatch(message);
  });

  it('when a parameter and several targets are wrong, then every field says so at once, each message once', () => {
    const problems = targetProblems({
      accounts: ['nope-1', 'nope-2'],
      organizationalUnits: ['ou-x'],
      regions: ['mars-1'],
    });
    const errors = invalid({
      parameterProblems: parameterProblems({ InstanceId: 'web-01' }),
      targetProblems: [...problems, ...problems],
    });
    expect(Object.keys(errors).sort()).toEqual(
      [
        BlockId.accounts,
        BlockId.parameter('InstanceId'),
        BlockId.organizationalUnits,
        BlockId.regions,
      ].sort(),
    );
    expect(errors[BlockId.accounts]).toMatch(/"nope-1" is not .*\. "nope-2" is not /);
    expect(errors[BlockId.accounts]?.match(/nope-1/g)).toHaveLength(1);
  });

  it('when the messages for one field are long, then they are cut to 300 characters and say so', () => {
    const problems = targetProblems({
      accounts: Array.from({ length: 30 }, (_, index) => `missing-account-${index}`),
    });
    const text = invalid({ targetProblems: problems })[BlockId.accounts] ?? '';
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).toMatch(/… \(truncated\)$/);
  });
});

describe('formErrors: denials', () => {
  const denial = (accountName: string, accountId: string, region: string, rule?: string): RunDenial => ({
    accountId,
    accountName,
    region,
    ...(rule !== undefined && { rule }),
  });

  it('when policy denies some targets, then the accounts field lists them by rule', () => {
    const errors = formErrors({
      kind: 'denied',
      runbook,
      denials: [
        denial('payments-prod', '333333333301', 'us-east-1', 'no-prod-restarts'),
        denial('identity-prod', '333333333302', 'us-east-1', 'no-prod-restarts'),
        denial('log-archive', '666666666601', 'ap-northeast-1'),
      ],
    });
    expect(errors).toEqual({
      [BlockId.accounts]:
        'Policy does not allow AWS-RestartEC2Instance in: payments-prod (333333333301) us-east-1, ' +
        'identity-prod (333333333302) us-east-1 (rule no-prod-restarts); log-archive (666666666601) ap-northeast-1 (no rule allows it).',
    });
  });

  it('when the denial lists no targets (there were none), then the accounts field asks for some', () => {
    expect(formErrors({ kind: 'denied', runbook, denials: [] })).toEqual({
      [BlockId.accounts]: 'Choose at least one account or OU.',
    });
  });

  it('when hundreds of targets are denied, then the message stays within 300 characters', () => {
    const denials = Array.from({ length: 500 }, (_, index) =>
      denial(`account-${index}`, String(100000000000 + index), 'us-east-1', 'deny-all'),
    );
    expect(
      (formErrors({ kind: 'denied', runbook, denials })[BlockId.accounts] ?? '').length,
    ).toBeLessThanOrEqual(300);
  });
});
