// renderCancelResult: what /ssm cancel did, or why it did nothing.
import { describe, expect, it } from 'vitest';
import { renderCancelResult } from '../../../src/slack/render/render-cancel-result.js';
import { expectWithinBlockKitLimits } from './block-kit-assertions.js';
import { expectGolden } from './expect-golden.js';
import { aChild, aRunWith, HOSTILE, manyAccounts, PAYMENTS_PROD, SEARCH_PROD } from './render-builders.js';

const run = aRunWith([
  aChild(PAYMENTS_PROD, 'ap-northeast-1', 'InProgress'),
  aChild(PAYMENTS_PROD, 'us-east-1', 'InProgress'),
  aChild(SEARCH_PROD, 'ap-northeast-1', 'InProgress'),
]);

describe('renderCancelResult', () => {
  it('when every execution was asked to stop, then the reply counts them', async () => {
    await expectGolden(
      renderCancelResult({ kind: 'cancelled', run, stopped: 3, failures: [] }),
      'cancel-cancelled',
    );
  });

  it('when some executions could not be stopped, then each is listed with AWS’s message', async () => {
    await expectGolden(
      renderCancelResult({
        kind: 'cancelled',
        run,
        stopped: 2,
        failures: [
          {
            accountName: SEARCH_PROD.name,
            accountId: SEARCH_PROD.id,
            region: 'ap-northeast-1',
            message: 'InvalidAutomationStatusUpdateException: The execution is already in a terminal state.',
          },
        ],
      }),
      'cancel-partial',
    );
  });

  it('when no execution had started, then the reply says the run is cancelled with nothing to stop', () => {
    const message = renderCancelResult({ kind: 'cancelled', run, stopped: 0, failures: [] });
    expect(message.text).toContain('no execution had started');
  });

  it('when there is no such run, then the reply says so and where to find ids', async () => {
    await expectGolden(renderCancelResult({ kind: 'not-found', id: 'run-zzzzzzzz' }), 'cancel-not-found');
  });

  it('when the person may not cancel the run, then the reply says who may', async () => {
    await expectGolden(renderCancelResult({ kind: 'not-allowed', run }), 'cancel-not-allowed');
  });

  it('when the run had already finished, then the reply says how it ended', async () => {
    await expectGolden(
      renderCancelResult({ kind: 'already-finished', run: { ...run, status: 'succeeded' } }),
      'cancel-already-finished',
    );
  });

  it('when hundreds of stops failed with long hostile messages, then the reply fits Block Kit', () => {
    const failures = manyAccounts(500).map((account) => ({
      accountName: `${HOSTILE}${account.name}`,
      accountId: account.id,
      region: 'eu-west-1',
      message: `${HOSTILE}${'m'.repeat(3000)}`,
    }));
    const message = renderCancelResult({ kind: 'cancelled', run, stopped: 1000, failures });
    expectWithinBlockKitLimits(message);
    expect(JSON.stringify(message)).toMatch(/…and \d+ more/);
    expectWithinBlockKitLimits(renderCancelResult({ kind: 'not-found', id: HOSTILE }));
  });
});
