// renderRunbookList: runbooks grouped by owner with one-line descriptions, capped, and the empty state.
import { describe, expect, it } from 'vitest';
import { renderRunbookList } from '../../../src/slack/render/render-runbook-list.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { expectGolden } from './expect-golden.js';
import { HOSTILE } from './render-builders.js';

const SANDBOX_RUNBOOKS = [
  { name: 'AWS-RestartEC2Instance', description: 'Restart EC2 instances(s)', owner: 'Amazon' },
  { name: 'AWS-EnableS3BucketEncryption', description: 'Enables Encryption on S3 Bucket', owner: 'Amazon' },
  { name: 'AWS-StopEC2Instance', description: 'Stop EC2 instances(s)', owner: 'Amazon' },
  {
    name: 'Platform-CleanupUnusedAmis',
    description:
      '### Platform-CleanupUnusedAmis\nFinds AMIs owned by this account that are older than **RetentionDays**, are not used by any\n' +
      'instance or launch template, and carry none of the **ExcludeTags**. With **DryRun** true (the default) it only reports.',
    owner: '222222222222',
  },
  { name: 'Platform-VerifyBackupRestore', owner: '222222222222' },
];

describe('renderRunbookList', () => {
  it('when runbooks of several owners are listed, then the organization’s come first, then AWS’s', async () => {
    await expectGolden(renderRunbookList({ runbooks: SANDBOX_RUNBOOKS }), 'runbook-list');
  });

  it('when a description is shortened, then its line says where to read the rest; a whole one does not', () => {
    const text = JSON.stringify(renderRunbookList({ runbooks: SANDBOX_RUNBOOKS }));
    expect(text).toContain('… _More: `/ssm list Platform-CleanupUnusedAmis`_');
    expect(text).not.toContain('/ssm list AWS-RestartEC2Instance');
  });

  it('when a prefix narrows the list to one owner, then it is a plain list', async () => {
    await expectGolden(
      renderRunbookList({
        prefix: 'AWS-',
        runbooks: SANDBOX_RUNBOOKS.filter((r) => r.name.startsWith('AWS-')),
      }),
      'runbook-list-prefix',
    );
  });

  it('when nothing matches the prefix, then the reply says so and how to see everything', async () => {
    await expectGolden(renderRunbookList({ prefix: 'Payments-', runbooks: [] }), 'runbook-list-empty');
  });

  it('when 120 runbooks have long descriptions, then names only are listed and the reply fits Block Kit', async () => {
    const runbooks = Array.from({ length: 120 }, (_, index) => ({
      name: `Platform-Runbook${String(index + 1).padStart(3, '0')}`,
      description: `${HOSTILE} ${'d'.repeat(3000)}`,
      owner: index % 3 === 0 ? 'Amazon' : '222222222222',
    }));
    const message = renderRunbookList({ runbooks });
    expectWithinBlockKitLimits(message);
    const text = JSON.stringify(message);
    expect(text).toContain('names only');
    expect(text).toContain('Platform-Runbook120');
  });

  it('when there are a thousand runbooks, then the list ends with how many more and how to narrow it', () => {
    const runbooks = Array.from({ length: 1000 }, (_, index) => ({ name: `Runbook-${index}` }));
    const message = renderRunbookList({ runbooks });
    expectWithinBlockKitLimits(message);
    expect(JSON.stringify(message)).toMatch(/…and \d+ more: narrow the list/);
  });
});
