// prepareRunForm: the picker, or one runbook's form with its choices, defaults and what the command said.
import { describe, expect, it } from 'vitest';
import { prepareRunForm } from '../../src/use-cases/prepare-run-form.js';
import { aPolicy, aRunContext } from '../support/run-context-builder.js';
import { aRunRequest, aSubject, someTargets } from '../support/run-request-builder.js';

const ALICE = aSubject();

describe('prepareRunForm', () => {
  it.each([
    ['no request', undefined],
    ['a request without a runbook', aRunRequest({ runbook: undefined })],
  ])('when there is %s, then the picker offers the runbooks the caller may run', async (_, request) => {
    const context = aRunContext({
      policies: [aPolicy({ name: 'ec2', when: { userGroups: ['S0PLATFORM'] }, runbooks: ['AWS-Restart*'] })],
    });

    const model = await prepareRunForm(context, ALICE, request);

    expect(model).toEqual({ kind: 'picker', runbooks: [{ name: 'AWS-RestartEC2Instance' }] });
  });

  it('when the command names a runbook that does not exist, then the picker says so with close matches', async () => {
    const context = aRunContext({
      policies: [aPolicy({ name: 'ec2', when: { userGroups: ['S0PLATFORM'] }, runbooks: ['AWS-Restart*'] })],
    });

    const model = await prepareRunForm(context, ALICE, aRunRequest({ runbook: 'AWS-RestartEC2Instanse' }));

    expect(model).toEqual({
      kind: 'picker',
      runbooks: [{ name: 'AWS-RestartEC2Instance' }],
      unknown: { name: 'AWS-RestartEC2Instanse', suggestions: ['AWS-RestartEC2Instance'] },
    });
  });

  it('when the command names a runbook the caller may not run, then the picker says so instead of the form', async () => {
    const context = aRunContext({
      policies: [aPolicy({ name: 'ec2', when: { userGroups: ['S0PLATFORM'] }, runbooks: ['AWS-Restart*'] })],
    });

    const model = await prepareRunForm(context, ALICE, aRunRequest({ runbook: 'AWS-StopEC2Instance' }));

    expect(model.kind).toBe('picker');
    expect(model.kind === 'picker' && model.unknown?.name).toBe('AWS-StopEC2Instance');
  });

  it.each([
    ['no rule names the caller', [aPolicy({ name: 'sre', when: { users: ['U0SOMEONE'] } })], []],
    [
      'the only rule that names the caller denies',
      [aPolicy({ name: 'no-platform', effect: 'deny', when: { userGroups: ['S0PLATFORM'] } })],
      ['no-platform'],
    ],
  ])('when %s, then no form is shown, whatever the command named', async (_, policies, rules) => {
    const context = aRunContext({ policies });

    for (const request of [undefined, aRunRequest()]) {
      expect(await prepareRunForm(context, ALICE, request)).toEqual({ kind: 'nothing-allowed', rules });
    }
  });

  it('when the caller may run only in some OUs, then the form offers those OUs and the ones below them', async () => {
    const context = aRunContext({
      policies: [
        aPolicy({
          name: 'workloads',
          when: { userGroups: ['S0PLATFORM'] },
          organizationalUnits: ['ou-sbx1-workload'],
        }),
        aPolicy({ name: 'one-account', when: { userGroups: ['S0PLATFORM'] }, accounts: ['log-archive'] }),
      ],
    });

    const model = await prepareRunForm(context, ALICE, aRunRequest());

    expect(model.kind === 'form' && model.organizationalUnits.map((unit) => unit.name).sort()).toEqual([
      'Development',
      'Production',
      'Staging',
      'Workloads',
    ]);
  });

  it('when the request names a runbook, then its form leaves out the role the bot sets and shows the defaults', async () => {
    const context = aRunContext({ settings: { modeByRunbook: { 'AWS-RestartEC2Instance': 'fan-out' } } });

    const model = await prepareRunForm(context, ALICE, aRunRequest());

    expect(model.kind).toBe('form');
    if (model.kind !== 'form') return;
    expect(model.runbook.name).toBe('AWS-RestartEC2Instance');
    expect(model.form.fields.map((field) => [field.name, field.required])).toEqual([['InstanceId', true]]);
    expect(model.enabledRegions).toEqual(['ap-northeast-1', 'us-east-1']);
    expect(model.defaults).toEqual({
      regions: ['ap-northeast-1'],
      mode: 'fan-out',
      concurrency: { kind: 'count', value: 10 },
      maxErrors: { kind: 'count', value: 0 },
    });
    expect(model.organizationalUnits.map((unit) => unit.id)).toContain('ou-sbx1-prod0001');
  });

  it('when the command named accounts, then those the organization has are prefilled and a typo is left out', async () => {
    const request = aRunRequest({
      targets: someTargets({ accounts: ['payments-prod', '444444444401', 'paymnts'] }),
    });

    const model = await prepareRunForm(aRunContext(), ALICE, request);

    expect(model.kind === 'form' && model.prefill).toEqual({
      request,
      accounts: [
        { id: '333333333301', name: 'payments-prod' },
        { id: '444444444401', name: 'payments-staging' },
      ],
    });
  });

  it('when the command said all accounts, then no account is prefilled', async () => {
    const request = aRunRequest({ targets: someTargets({ accounts: 'all' }) });

    const model = await prepareRunForm(aRunContext(), ALICE, request);

    expect(model.kind === 'form' && model.prefill.accounts).toEqual([]);
  });
});
