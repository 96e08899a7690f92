// governingTemplates and needsApproval: which change template a planned run falls under, from the accounts the
// plan resolved and the templates its policy rules name.
import { describe, expect, it } from 'vitest';
import { governingTemplates, needsApproval } from '../../src/use-cases/governing-templates.js';
import { aChangeTemplate } from '../support/approval-builders.js';
import { aRunPlan } from '../support/run-request-builder.js';

const prodChange = aChangeTemplate({ governs: { organizationalUnits: ['ou-sbx1-prod0001'] } });
const stagingChange = aChangeTemplate({ name: 'staging-change', governs: { accounts: ['444444444401'] } });
const templates = [prodChange, stagingChange];
const tokyo = (accountId: string) => ({ accountId, region: 'ap-northeast-1' });

describe('governingTemplates', () => {
  it('when a plan touches accounts under two templates, then both are named and approval is needed', () => {
    const plan = aRunPlan();
    expect(governingTemplates({ templates }, plan)).toEqual({
      kind: 'several',
      names: ['prod-change', 'staging-change'],
    });
    expect(needsApproval({ templates }, plan)).toBe(true);
  });

  it('when a plan touches only the production account, then its one template governs', () => {
    const plan = aRunPlan({ targets: [tokyo('333333333301')] });
    expect(governingTemplates({ templates }, plan)).toEqual({ kind: 'one', template: prodChange });
  });

  it('when the policy rule that allowed the run names a template, then it governs wherever the run goes', () => {
    const ruleOnly = aChangeTemplate({ name: 'rule-change' });
    const plan = aRunPlan({
      targets: [tokyo('444444444401')],
      policy: { rules: ['platform-anything'], approvalTemplates: ['rule-change'] },
    });
    expect(governingTemplates({ templates: [prodChange, ruleOnly] }, plan)).toEqual({
      kind: 'one',
      template: ruleOnly,
    });
  });

  it('when a target names an account the plan did not resolve, then that target governs nothing', () => {
    const plan = aRunPlan({ targets: [tokyo('333333333301')], accounts: [] });
    expect(governingTemplates({ templates }, plan)).toEqual({ kind: 'none' });
  });

  it('when no template is configured, then nothing governs and no approval is needed', () => {
    expect(governingTemplates({ templates: [] }, aRunPlan())).toEqual({ kind: 'none' });
    expect(needsApproval({ templates: [] }, aRunPlan())).toBe(false);
  });

  it('when a policy names a template that is not configured, then it fails closed', () => {
    const plan = aRunPlan({ policy: { rules: ['platform-anything'], approvalTemplates: ['gone-change'] } });
    expect(() => governingTemplates({ templates }, plan)).toThrow(/gone-change/);
  });
});
