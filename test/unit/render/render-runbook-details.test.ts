// renderRunbookDetails: `/ssm list <runbook>` shows the whole description and every parameter a run can set.
import { describe, expect, it } from 'vitest';
import type { Runbook } from '../../../src/core/runbook/runbook.js';
import { renderRunbookDetails } from '../../../src/slack/render/render-runbook-details.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { expectGolden } from './expect-golden.js';
import { HOSTILE } from './render-builders.js';

const CLEANUP: Runbook = {
  name: 'Platform-CleanupUnusedAmis',
  owner: '222222222222',
  documentVersion: '3',
  assumeRoleParameter: 'AutomationAssumeRole',
  description:
    '### Platform-CleanupUnusedAmis\nFinds AMIs owned by this account that are older than **RetentionDays**, are not used by any\n' +
    'instance or launch template, and carry none of the **ExcludeTags**. With **DryRun** true (the default) it only reports.',
  parameters: [
    { name: 'AutomationAssumeRole', type: 'String', required: false, default: '' },
    { name: 'DryRun', type: 'Boolean', required: false, default: true, description: 'Only report.' },
    {
      name: 'RetentionDays',
      type: 'Integer',
      required: true,
      description: 'Age in days.',
      allowedValues: ['30', '90'],
    },
    { name: 'ExcludeTags', type: 'StringMap', required: false, default: { Retain: 'true' } },
  ],
};

describe('renderRunbookDetails', () => {
  it('when a runbook is shown whole, then the full description and its parameters, required first, are listed (golden)', async () => {
    const message = renderRunbookDetails(CLEANUP);
    expectWithinBlockKitLimits(message);
    const text = JSON.stringify(message);
    expect(text).toContain('With *DryRun* true (the default) it only reports.');
    expect(text).not.toContain('AutomationAssumeRole');
    await expectGolden(message, 'runbook-details');
  });

  it('when the description and parameters are huge or hostile, then the reply still fits Block Kit', () => {
    const message = renderRunbookDetails({
      name: 'Huge',
      description: `${HOSTILE}\n${'d'.repeat(10_000)}`,
      parameters: Array.from({ length: 200 }, (_, index) => ({
        name: `P${index}`,
        type: 'String' as const,
        required: index % 2 === 0,
        description: `${HOSTILE} ${'x'.repeat(2000)}`,
        default: 'y'.repeat(500),
      })),
    });
    expectWithinBlockKitLimits(message);
    expect(JSON.stringify(message)).toMatch(/…and \d+ more parameters/);
  });
});
