// renderRunPreview / renderRunPreviewView: the plan before it runs, as a message and as the modal's body.
import { describe, expect, it } from 'vitest';
import { renderRunPreview, renderRunPreviewView } from '../../../src/slack/render/render-run-preview.js';
import { renderRunConfirmation } from '../../../src/slack/run-modal/render-run-confirmation.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { expectGolden } from './expect-golden.js';
import {
  aPlan,
  DEV_SHARED,
  HOSTILE,
  IDENTITY_STAGING,
  LEGACY_REPORTING,
  manyAccounts,
  PAYMENTS_STAGING,
} from './render-builders.js';

describe('renderRunPreview', () => {
  it('when a multi-account run needs approval, then the dry run shows the whole plan and the template', async () => {
    await expectGolden(renderRunPreview(aPlan()), 'run-preview-dry-run');
  });

  it('when a fan-out run needs no approval and skips a suspended account, then both are said', async () => {
    await expectGolden(
      renderRunPreview(
        aPlan({
          runbook: { name: 'AWS-StopEC2Instance', description: 'Stop EC2 instances(s)', version: '3' },
          accounts: [PAYMENTS_STAGING, IDENTITY_STAGING, DEV_SHARED],
          regions: ['ap-northeast-1'],
          targets: [PAYMENTS_STAGING, IDENTITY_STAGING, DEV_SHARED].map((account) => ({
            accountId: account.id,
            region: 'ap-northeast-1',
          })),
          skipped: [{ account: LEGACY_REPORTING, reason: 'suspended' }],
          mode: 'fan-out',
          concurrency: { kind: 'percent', value: 50 },
          maxErrors: { kind: 'count', value: 1 },
          reason: undefined,
          policy: { rules: ['platform-dev'], approvalTemplates: [] },
        }),
        'confirm',
      ),
      'run-preview-fan-out-no-approval',
    );
  });

  it('when an account is not enabled in a region, then its cell shows a dash and the count says so', async () => {
    const plan = aPlan({ parameters: {} });
    await expectGolden(
      renderRunPreview({
        ...plan,
        targets: plan.targets.filter((t) => !(t.accountId === '333333333303' && t.region === 'us-east-1')),
      }),
      'run-preview-partial-matrix',
    );
  });

  it('when 500 accounts × 3 regions are planned, then 20 accounts are listed and 480 counted', () => {
    const message = renderRunPreview(
      aPlan({ accounts: manyAccounts(500), regions: ['ap-northeast-1', 'us-east-1', 'eu-west-1'] }),
    );
    expectWithinBlockKitLimits(message);
    const text = JSON.stringify(message);
    expect(text).toContain('1500 executions (500 accounts × 3 regions)');
    expect(text).toContain('…and 480 more accounts');
  });

  it('when parameters, reason and skipped accounts are huge and hostile, then the preview still fits', () => {
    const plan = aPlan({
      runbook: { name: HOSTILE, description: `${HOSTILE}${'d'.repeat(5000)}` },
      parameters: Object.fromEntries(
        Array.from({ length: 40 }, (_, i) => [
          `P${i}${HOSTILE}`,
          Array(50).fill(`${HOSTILE}${'v'.repeat(3000)}`),
        ]),
      ),
      accounts: manyAccounts(500).map((account) => ({ ...account, name: `${HOSTILE}${account.name}` })),
      skipped: manyAccounts(40).map((account) => ({ account, reason: `${HOSTILE}${'s'.repeat(2000)}` })),
      reason: `${HOSTILE}${'r'.repeat(4000)}`,
      policy: { rules: [HOSTILE], approvalTemplates: [HOSTILE, 'prod-change'] },
    });
    expectWithinBlockKitLimits(renderRunPreview(plan));
    expectWithinBlockKitLimits({ blocks: renderRunPreviewView(plan) }, { surface: 'modal' });
  });
});

describe('renderRunPreviewView', () => {
  it('when the modal confirms a run, then the blocks have no header and list more accounts', async () => {
    const blocks = renderRunPreviewView(aPlan({ accounts: manyAccounts(60), regions: ['ap-northeast-1'] }));
    expect(blocks.some((block) => block.type === 'header')).toBe(false);
    expect(JSON.stringify(blocks)).toContain('…and 10 more accounts');
    await expectGolden({ blocks: renderRunPreviewView(aPlan()) }, 'run-preview-modal', { surface: 'modal' });
  });

  it('when the confirmation modal shows the preview, then "Nothing has started yet." is said once', () => {
    const view = renderRunConfirmation({
      previewBlocks: renderRunPreviewView(aPlan()),
      draftId: 'draft-1',
      channelId: 'C0OPS00001',
      needsApproval: true,
      runbookName: 'AWS-RestartEC2Instance',
    });
    expect(JSON.stringify(view.blocks).split('Nothing has started yet.')).toHaveLength(2);
  });

  it("when no reason was given, then the modal points at the form's Reason field, not the command flag", () => {
    const text = JSON.stringify(renderRunPreviewView(aPlan({ reason: undefined })));
    expect(text).toContain('fill in *Reason*');
    expect(text).not.toContain('--reason');
    expect(JSON.stringify(renderRunPreview(aPlan({ reason: undefined })))).toContain('--reason');
  });
});
