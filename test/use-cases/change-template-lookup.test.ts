// templateNamed, governingTemplates and needsApproval: which template a change or a planned run falls under.
import { describe, expect, it } from 'vitest';
import { governingTemplates, needsApproval } from '../../src/use-cases/governing-templates.js';
import { templateNamed } from '../../src/use-cases/template-named.js';
import { aChangeTemplate } from '../support/approval-builders.js';
import { aRunPlan } from '../support/run-request-builder.js';

const prodChange = aChangeTemplate({ governs: { organizationalUnits: ['ou-sbx1-prod0001'] } });
const stagingChange = aChangeTemplate({ name: 'staging-change', governs: { accounts: ['444444444401'] } });
const templates = [prodChange, stagingChange];

describe('templateNamed', () => {
  it('when a change names a configured template, then that one; a removed one, none', () => {
    expect(templateNamed({ templates }, 'staging-change')).toBe(stagingChange);
    expect(templateNamed({ templates }, 'gone-change')).toBeUndefined();
  });
});

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
    const plan = aRunPlan({ targets: [{ accountId: '333333333301', region: 'ap-northeast-1' }] });
    expect(governingTemplates({ templates }, plan)).toMatchObject({ kind: 'one', template: prodChange });
  });

  it('when no template is configured, then nothing governs and no approval is needed', () => {
    expect(governingTemplates({ templates: [] }, aRunPlan())).toEqual({ kind: 'none' });
    expect(needsApproval({ templates: [] }, aRunPlan())).toBe(false);
  });
});
