// templatesForRun: the change template that governs a run, from policy and from the templates' own `governs`.

import { describe, expect, it } from 'vitest';
import type { ChangeTemplate } from '../../src/core/approval/change-template-schema.js';
import { templatesForRun } from '../../src/core/approval/templates-for-run.js';
import type { Account } from '../../src/core/organization/organization.js';
import { aChangeTemplate } from '../support/approval-builders.js';

const account = (id: string, name: string, ...path: string[]): Account => ({
  id,
  name,
  status: 'ACTIVE',
  path: ['r-sbx1', ...path],
});
const paymentsProd = account('333333333301', 'payments-prod', 'ou-sbx1-workload', 'ou-sbx1-prod0001');
const devShared = account('555555555501', 'dev-shared', 'ou-sbx1-workload', 'ou-sbx1-dev00001');

const RESTART = 'AWS-RestartEC2Instance';
const inTokyo = (target: Account) => ({ account: target, region: 'ap-northeast-1' });
const inVirginia = (target: Account) => ({ account: target, region: 'us-east-1' });

const governing = (governs: ChangeTemplate['governs'], name = 'governed') =>
  aChangeTemplate({ name, governs });

describe('templatesForRun', () => {
  it('when no template applies, then none governs the run', () => {
    expect(
      templatesForRun([], { runbook: RESTART, targets: [inTokyo(devShared)], policyTemplates: [] }),
    ).toEqual({
      kind: 'none',
    });
    const templates = [aChangeTemplate(), governing({ runbooks: ['Platform-*'] })];
    expect(
      templatesForRun(templates, { runbook: RESTART, targets: [inTokyo(devShared)], policyTemplates: [] }),
    ).toEqual({ kind: 'none' });
  });

  it('when a policy rule names a template, then it governs the run wherever the targets are', () => {
    const prod = aChangeTemplate();
    expect(
      templatesForRun([prod], {
        runbook: RESTART,
        targets: [inTokyo(devShared)],
        policyTemplates: ['prod-change'],
      }),
    ).toEqual({ kind: 'one', template: prod });
  });

  it.each([
    ['a runbook glob', { runbooks: ['AWS-Restart*'] }, true],
    ['another runbook', { runbooks: ['AWS-Stop*'] }, false],
    ['the account by id', { accounts: ['333333333301'] }, true],
    ['the account by name', { accounts: ['payments-prod'] }, true],
    ['another account', { accounts: ['dev-shared'] }, false],
    ['the account’s OU', { organizationalUnits: ['ou-sbx1-prod0001'] }, true],
    ['an ancestor OU', { organizationalUnits: ['ou-sbx1-workload'] }, true],
    ['the root', { organizationalUnits: ['r-sbx1'] }, true],
    ['a sibling OU', { organizationalUnits: ['ou-sbx1-dev00001'] }, false],
    ['the region', { regions: ['ap-northeast-1'] }, true],
    ['another region', { regions: ['eu-west-1'] }, false],
    [
      'runbook, OU and region together',
      { runbooks: ['AWS-*'], organizationalUnits: ['ou-sbx1-prod0001'], regions: ['ap-northeast-1'] },
      true,
    ],
    [
      'runbook and OU but another region',
      { runbooks: ['AWS-*'], organizationalUnits: ['ou-sbx1-prod0001'], regions: ['us-east-1'] },
      false,
    ],
    [
      'an account or an OU (either)',
      { accounts: ['dev-shared'], organizationalUnits: ['ou-sbx1-prod0001'] },
      true,
    ],
  ] as Array<[string, ChangeTemplate['governs'], boolean]>)(
    'when governs names %s, then a restart in payments-prod Tokyo is governed: %s',
    (_, governs, governed) => {
      const result = templatesForRun([governing(governs)], {
        runbook: RESTART,
        targets: [inTokyo(paymentsProd)],
        policyTemplates: [],
      });
      expect(result.kind).toBe(governed ? 'one' : 'none');
    },
  );

  it('when governs matches one target of several, then the whole run is governed', () => {
    const prodTokyo = governing({ organizationalUnits: ['ou-sbx1-prod0001'], regions: ['ap-northeast-1'] });
    const targets = [
      inTokyo(devShared),
      inVirginia(devShared),
      inVirginia(paymentsProd),
      inTokyo(paymentsProd),
    ];
    expect(templatesForRun([prodTokyo], { runbook: RESTART, targets, policyTemplates: [] }).kind).toBe('one');
    // The OU and the region must hold at the same target: payments-prod in Virginia and dev in Tokyo do not.
    const crossed = [inTokyo(devShared), inVirginia(paymentsProd)];
    expect(
      templatesForRun([prodTokyo], { runbook: RESTART, targets: crossed, policyTemplates: [] }).kind,
    ).toBe('none');
  });

  it('when a template has no governs, then it applies only where policy names it', () => {
    const prod = aChangeTemplate();
    expect(
      templatesForRun([prod], { runbook: RESTART, targets: [inTokyo(paymentsProd)], policyTemplates: [] }),
    ).toEqual({
      kind: 'none',
    });
  });

  it('when policy names the same template that governs the run, then it is one template', () => {
    const prod = governing({ organizationalUnits: ['ou-sbx1-prod0001'] }, 'prod-change');
    const result = templatesForRun([prod], {
      runbook: RESTART,
      targets: [inTokyo(paymentsProd)],
      policyTemplates: ['prod-change'],
    });
    expect(result).toEqual({ kind: 'one', template: prod });
  });

  it('when several templates govern the run, then all are named, in the order they are defined', () => {
    const templates = [
      governing({ regions: ['ap-northeast-1'] }, 'tokyo-change'),
      aChangeTemplate({ name: 'unrelated' }),
      aChangeTemplate({ name: 'prod-change' }),
      governing({ runbooks: ['AWS-*'] }, 'aws-change'),
    ];
    const result = templatesForRun(templates, {
      runbook: RESTART,
      targets: [inTokyo(devShared)],
      policyTemplates: ['prod-change'],
    });
    expect(result).toEqual({ kind: 'several', names: ['tokyo-change', 'prod-change', 'aws-change'] });
  });

  it('when policy names a template that does not exist, then it throws rather than skip the approval', () => {
    expect(() =>
      templatesForRun([aChangeTemplate()], {
        runbook: RESTART,
        targets: [inTokyo(devShared)],
        policyTemplates: ['gone'],
      }),
    ).toThrow(/undefined approval templates: gone/);
  });
});
