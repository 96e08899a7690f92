// renderRunPreview with a readiness check: targets the run would refuse show ✗ with their reason, unchecked ones ?.
import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { PlanReadiness } from '../../../src/core/run/target-readiness.js';
import { renderRunPreview, renderRunPreviewView } from '../../../src/slack/render/render-run-preview.js';
import { renderRunConfirmation } from '../../../src/slack/run-modal/render-run-confirmation.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { expectGolden } from './expect-golden.js';
import {
  aPlan,
  HOSTILE,
  IDENTITY_STAGING,
  manyAccounts,
  PAYMENTS_STAGING,
  SEARCH_PROD,
} from './render-builders.js';

const REGIONS = ['ap-northeast-1', 'eu-west-1'];

/** A fan-out plan over three accounts × two regions: one role missing, one region not enabled, one unchecked. */
function aCheckedPlan() {
  const plan = aPlan({
    accounts: [PAYMENTS_STAGING, IDENTITY_STAGING, SEARCH_PROD],
    regions: REGIONS,
    targets: [PAYMENTS_STAGING, IDENTITY_STAGING, SEARCH_PROD].flatMap((account) =>
      REGIONS.map((region) => ({ accountId: account.id, region })),
    ),
    mode: 'fan-out',
    policy: { rules: ['platform-dev'], approvalTemplates: [] },
  });
  const roleMissing = {
    kind: 'refused' as const,
    code: 'role-missing' as const,
    message:
      'the bot cannot assume SsmChatOpsExecution in 444444444402: the role is missing, or its trust policy does ' +
      'not name the bot and its external id',
  };
  const readiness: PlanReadiness = {
    byTarget: {
      '444444444401:ap-northeast-1': { kind: 'ready' },
      '444444444401:eu-west-1': { kind: 'unchecked', reason: 'time-budget' },
      '444444444402:ap-northeast-1': roleMissing,
      '444444444402:eu-west-1': roleMissing,
      '333333333303:ap-northeast-1': { kind: 'ready' },
      '333333333303:eu-west-1': {
        kind: 'refused',
        code: 'region-not-enabled',
        message: 'eu-west-1 is not enabled for account 333333333303 (AWS refuses its credentials there)',
      },
    },
  };
  return { plan, readiness };
}

describe('renderRunPreview with readiness', () => {
  it('when targets would be refused or were not checked, then the dry run counts them, marks them and says why', async () => {
    const { plan, readiness } = aCheckedPlan();
    const message = renderRunPreview(plan, 'dry-run', readiness);
    await expectGolden(message, 'run-preview-readiness');
    expect(message.text).toContain('3 of 6 targets would be refused');
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('Dry run: AWS-RestartEC2Instance (3 of 6 targets would be refused)');
    expect(text).toContain('eu-west-1 ✗');
    expect(text).toContain('eu-west-1 ?');
    expect(text).toContain('1 of 6 targets not checked* (the check ran out of time)');
  });

  it('when every target is ready in a multi-account run, then it says so and that SSM checks the execution role', () => {
    const plan = aPlan();
    const readiness: PlanReadiness = {
      byTarget: Object.fromEntries(
        plan.targets.map((t) => [`${t.accountId}:${t.region}`, { kind: 'ready' }]),
      ),
      checkedAtStart: { executionRoleName: 'AWS-SystemsManager-AutomationExecutionRole' },
    };
    const text = JSON.stringify(renderRunPreview(plan, 'dry-run', readiness));
    expect(text).toContain('Every target passed the readiness check');
    expect(text).toContain('`AWS-SystemsManager-AutomationExecutionRole` in each account is checked by SSM');
    expect(text).not.toContain('✗');
  });

  it('when the modal confirms the same plan, then its view says the same before Start', async () => {
    const { plan, readiness } = aCheckedPlan();
    const view = renderRunConfirmation({
      previewBlocks: renderRunPreviewView(plan, readiness),
      draftId: 'draft-1',
      channelId: 'C0OPS00001',
      needsApproval: false,
      runbookName: plan.runbook.name,
    });
    await expectGolden({ blocks: view.blocks as KnownBlock[] }, 'run-preview-readiness-modal', {
      surface: 'modal',
    });
    expect(JSON.stringify(view.blocks)).toContain('3 of 6 targets would be refused');
  });

  it('when 500 accounts are refused with hostile reasons, then the preview still fits', () => {
    const accounts = manyAccounts(500);
    const plan = aPlan({ accounts, regions: ['ap-northeast-1'] });
    const readiness: PlanReadiness = {
      byTarget: Object.fromEntries(
        plan.targets.map((t) => [
          `${t.accountId}:${t.region}`,
          { kind: 'refused', code: 'account-unreachable', message: `${HOSTILE}${'x'.repeat(3000)}` },
        ]),
      ),
    };
    const message = renderRunPreview(plan, 'dry-run', readiness);
    expectWithinBlockKitLimits(message);
    // The refused list is cut at whole lines, so its count of the rest is never truncated away.
    expect(JSON.stringify(message)).toMatch(/…and 49\d more"/);
    expectWithinBlockKitLimits({ blocks: renderRunPreviewView(plan, readiness) }, { surface: 'modal' });
  });
});
