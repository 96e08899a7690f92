// Previews ask TargetReadiness what the start would refuse; real starts never wait on it.
import { describe, expect, it } from 'vitest';
import { READINESS_BUDGET_MS } from '../../src/use-cases/check-plan-readiness.js';
import { requestRun } from '../../src/use-cases/request-run.js';
import { submitRunForm } from '../../src/use-cases/submit-run-form.js';
import { FixedTargetReadiness } from '../support/fixed-target-readiness.js';
import { aRunContext } from '../support/run-context-builder.js';
import { anAsker, aRunRequest } from '../support/run-request-builder.js';

const REFUSED = {
  kind: 'refused' as const,
  code: 'region-not-enabled' as const,
  message: 'ap-northeast-1 is not enabled for account 333333333301 (AWS refuses its credentials there)',
};

describe('checkPlanReadiness through the previews', () => {
  it('when a multi-account dry run is asked, then the preview carries each answer and leaves the execution role to SSM', async () => {
    const readiness = new FixedTargetReadiness({ '333333333301:ap-northeast-1': REFUSED });
    const context = aRunContext({ readiness });

    const result = await requestRun(context, { ...aRunRequest(), dryRun: true }, anAsker());

    expect(result).toMatchObject({
      kind: 'preview',
      readiness: {
        byTarget: { '333333333301:ap-northeast-1': REFUSED },
        checkedAtStart: { executionRoleName: 'AWS-SystemsManager-AutomationExecutionRole' },
      },
    });
    expect(readiness.checks).toEqual([
      {
        targets: [{ accountId: '333333333301', region: 'ap-northeast-1' }],
        mode: 'multi-account',
        budgetMs: READINESS_BUDGET_MS.reply,
      },
    ]);
  });

  it('when a fan-out dry run is asked, then no execution-role note is added (the bot checks its own role)', async () => {
    const context = aRunContext();
    const result = await requestRun(
      context,
      { ...aRunRequest({ mode: 'fan-out' }), dryRun: true },
      anAsker(),
    );
    expect(result.kind === 'preview' && result.readiness.checkedAtStart).toBeUndefined();
  });

  it("when the modal previews, then it checks within Slack's 3 seconds", async () => {
    const readiness = new FixedTargetReadiness();
    const context = aRunContext({ readiness });
    const result = await submitRunForm(
      context,
      { request: aRunRequest({ parameters: {} }), parameterValues: { InstanceId: 'i-0a1b2c3d4e5f60718' } },
      anAsker(),
    );
    expect(result.kind).toBe('confirm');
    expect(readiness.checks.map((check) => check.budgetMs)).toEqual([READINESS_BUDGET_MS.modal]);
    expect(READINESS_BUDGET_MS.modal).toBeLessThan(3_000);
  });

  it('when a run really starts, then it does not wait on a readiness check', async () => {
    const readiness = new FixedTargetReadiness();
    const context = aRunContext({ readiness });
    expect((await requestRun(context, { ...aRunRequest(), dryRun: false }, anAsker())).kind).toBe('started');
    expect(readiness.checks).toEqual([]);
  });
});
