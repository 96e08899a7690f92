// planRun over the sandbox's runbooks and organization: every expected outcome is a value.
import { describe, expect, it } from 'vitest';
import { planRun } from '../../src/use-cases/plan-run.js';
import { aPolicy, aRunContext } from '../support/run-context-builder.js';
import { aRunRequest, aSubject, someTargets } from '../support/run-request-builder.js';

const ALICE = aSubject();

describe('planRun', () => {
  it('when everything checks out, then the plan has the defaults, the targets and the rules that allowed it', async () => {
    const result = await planRun(aRunContext(), aRunRequest(), ALICE);

    expect(result.kind).toBe('planned');
    if (result.kind !== 'planned') return;
    expect(result.plan).toMatchObject({
      runbook: { name: 'AWS-RestartEC2Instance' },
      parameters: { InstanceId: ['i-0a1b2c3d4e5f60718'] },
      regions: ['ap-northeast-1'],
      targets: [{ accountId: '333333333301', region: 'ap-northeast-1' }],
      mode: 'multi-account',
      concurrency: { kind: 'count', value: 10 },
      maxErrors: { kind: 'count', value: 0 },
      reason: 'Apply the June kernel patch',
      policy: { rules: ['platform-anything'], approvalTemplates: [] },
    });
  });

  it('when the runbook has a configured mode and the request says none, then the configured one is used', async () => {
    const context = aRunContext({ settings: { modeByRunbook: { 'AWS-RestartEC2Instance': 'fan-out' } } });

    const result = await planRun(context, aRunRequest(), ALICE);

    expect(result.kind === 'planned' && result.plan.mode).toBe('fan-out');
  });

  it('when the request names a mode, limits and regions, then they win over the defaults', async () => {
    const request = aRunRequest({
      mode: 'fan-out',
      concurrency: { kind: 'percent', value: 50 },
      targets: someTargets({ regions: ['us-east-1'] }),
    });

    const result = await planRun(aRunContext(), request, ALICE);

    expect(result.kind === 'planned' && result.plan).toMatchObject({
      mode: 'fan-out',
      concurrency: { kind: 'percent', value: 50 },
      regions: ['us-east-1'],
    });
  });

  it('when the policy rule names a change template, then the plan carries it', async () => {
    const context = aRunContext({
      policies: [
        aPolicy({ name: 'prod', when: { userGroups: ['S0PLATFORM'] }, approvalTemplate: 'prod-change' }),
      ],
    });

    const result = await planRun(context, aRunRequest(), ALICE);

    expect(result.kind === 'planned' && result.plan.policy).toEqual({
      rules: ['prod'],
      approvalTemplates: ['prod-change'],
    });
  });

  it('when no runbook is named, then the runbook is what is missing', async () => {
    expect(await planRun(aRunContext(), aRunRequest({ runbook: undefined }), ALICE)).toEqual({
      kind: 'incomplete',
      missing: ['runbook'],
    });
  });

  it('when the runbook does not exist, then the names the caller may run that are close are suggested', async () => {
    const result = await planRun(aRunContext(), aRunRequest({ runbook: 'AWS-RestartEC2Instanse' }), ALICE);

    expect(result).toMatchObject({ kind: 'unknown-runbook', name: 'AWS-RestartEC2Instanse' });
    expect(result.kind === 'unknown-runbook' && result.suggestions).toContain('AWS-RestartEC2Instance');
  });

  it('when the runbook does not exist, then runbooks the caller may not run are never suggested', async () => {
    const outsider = aSubject({ userId: 'U0OUTSIDE1', userGroupIds: [] });

    const result = await planRun(aRunContext(), aRunRequest({ runbook: 'AWS-RestartEC2Instanse' }), outsider);

    expect(result).toMatchObject({ kind: 'unknown-runbook', suggestions: [] });
  });

  it('when targets and a required parameter are left out, then both are reported missing, not wrong', async () => {
    const request = aRunRequest({ parameters: {}, targets: someTargets({ accounts: [] }) });

    const result = await planRun(aRunContext(), request, ALICE);

    expect(result).toMatchObject({ kind: 'incomplete', missing: ['targets', { parameter: 'InstanceId' }] });
  });

  it('when a value breaks the runbook’s pattern, then the parameter problem is reported', async () => {
    const result = await planRun(aRunContext(), aRunRequest({ parameters: { InstanceId: 'nope' } }), ALICE);

    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    expect(result.parameterProblems.map((problem) => [problem.parameter, problem.kind])).toEqual([
      ['InstanceId', 'invalid'],
    ]);
  });

  it('when the request sets the role the bot manages, then it is refused as reserved', async () => {
    const request = aRunRequest({
      parameters: { InstanceId: 'i-0a1b2c3d4e5f60718', AutomationAssumeRole: 'arn:aws:iam::1:role/x' },
    });

    const result = await planRun(aRunContext(), request, ALICE);

    expect(result.kind === 'invalid' && result.parameterProblems.map((p) => p.kind)).toEqual(['reserved']);
  });

  it.each([
    ['an unknown account', someTargets({ accounts: ['payments-prd'] }), 'unknown-account'],
    ['a region not enabled', someTargets({ regions: ['eu-west-1'] }), 'region-not-enabled'],
    ['a suspended account', someTargets({ accounts: ['legacy-reporting'] }), 'inactive-account'],
  ])('when the targets name %s, then the target problem is reported', async (_, targets, kind) => {
    const result = await planRun(aRunContext(), aRunRequest({ targets }), ALICE);

    expect(result.kind === 'invalid' && result.targetProblems.map((problem) => problem.kind)).toEqual([kind]);
  });

  it('when the policy does not allow the caller there, then each refused target is named', async () => {
    const context = aRunContext({
      policies: [
        aPolicy({ name: 'platform-anything', when: { userGroups: ['S0PLATFORM'] } }),
        aPolicy({ name: 'no-restart-in-prod', effect: 'deny', organizationalUnits: ['ou-sbx1-prod0001'] }),
      ],
    });
    const request = aRunRequest({
      targets: someTargets({ accounts: ['payments-prod', 'payments-staging'] }),
    });

    const result = await planRun(context, request, ALICE);

    expect(result).toMatchObject({
      kind: 'denied',
      denials: [{ accountId: '333333333301', region: 'ap-northeast-1', rule: 'no-restart-in-prod' }],
    });
  });

  it('when no rule grants the caller anything, then every target is denied', async () => {
    const outsider = aSubject({ userId: 'U0OUTSIDE1', userGroupIds: [] });

    const result = await planRun(aRunContext(), aRunRequest(), outsider);

    expect(result).toMatchObject({ kind: 'denied', denials: [{ accountId: '333333333301' }] });
  });
});
