// retryRequestOf: what Retry failed and Run again ask for, built from the original run.
import { describe, expect, it } from 'vitest';
import { failedChildrenOf, retryRequestOf } from '../../src/core/run/retry-request.js';
import type { ChildStatus, Run } from '../../src/core/run/run.js';
import { aRun } from '../support/builders.js';

/** aRun's four children (payments-prod and payments-staging × ap-northeast-1, us-east-1) with these statuses. */
function aRunOf(statuses: ChildStatus[], status: Run['status'] = 'completed-with-errors'): Run {
  const run = aRun({ status });
  return { ...run, children: run.children.map((child, index) => ({ ...child, status: statuses[index]! })) };
}

const pairsOf = (run: Run) => {
  const retry = retryRequestOf(run, 'retry-failed');
  return retry.kind === 'request' ? retry.request.targets.pairs : retry.kind;
};

describe('retryRequestOf: retry-failed', () => {
  it.each<[string, ChildStatus]>([
    ['Failed', 'Failed'],
    ['TimedOut', 'TimedOut'],
    ['Cancelled', 'Cancelled'],
    ['StartFailed', 'StartFailed'],
    ['Skipped', 'Skipped'],
    ['CompletedWithFailure', 'CompletedWithFailure'],
    ['never started (Queued) when the run ended', 'Queued'],
  ])('when a child ended %s, then it is retried', (_, status) => {
    expect(pairsOf(aRunOf(['Success', status, 'CompletedWithSuccess', 'Success']))).toEqual([
      { accountId: '333333333301', region: 'us-east-1' },
    ]);
  });

  it('when the run goes on, then children still going are not retried, ended failures are', () => {
    const run = aRunOf(['Failed', 'InProgress', 'Queued', 'Success'], 'running');
    expect(failedChildrenOf(run).map((child) => child.status)).toEqual(['Failed']);
  });

  it('when every child succeeded, then there is nothing to retry (a value, not an exception)', () => {
    expect(pairsOf(aRunOf(['Success', 'Success', 'CompletedWithSuccess', 'Success'], 'succeeded'))).toBe(
      'nothing-to-retry',
    );
  });

  it('when it retries, then runbook, parameters, mode, concurrency, error threshold and reason are the run’s', () => {
    const run = aRunOf(['Failed', 'Success', 'Success', 'TimedOut']);
    const retry = retryRequestOf(run, 'retry-failed');
    expect(retry).toEqual({
      kind: 'request',
      request: {
        runbook: 'AWS-RestartEC2Instance',
        parameters: { InstanceId: ['i-0a1b2c3d4e5f60718'] },
        targets: {
          accounts: ['333333333301', '444444444401'],
          organizationalUnits: [],
          excludeAccounts: [],
          regions: ['ap-northeast-1', 'us-east-1'],
          pairs: [
            { accountId: '333333333301', region: 'ap-northeast-1' },
            { accountId: '444444444401', region: 'us-east-1' },
          ],
        },
        mode: 'multi-account',
        concurrency: { kind: 'count', value: 10 },
        maxErrors: { kind: 'count', value: 0 },
        reason: 'Apply the June kernel patch',
      },
      origin: { runId: 'run-7k3m9q2x', kind: 'retry-failed' },
      targets: 2,
    });
  });
});

describe('retryRequestOf: run-again', () => {
  it('when a run is run again, then it asks for what was requested (an OU means today’s accounts)', () => {
    const run = aRunOf(['Success', 'Success', 'Success', 'Success'], 'succeeded');
    const requested = {
      accounts: [],
      organizationalUnits: ['ou-sbx1-prod0001'],
      excludeAccounts: [],
      regions: ['us-east-1'],
    };
    const again = retryRequestOf({ ...run, targets: { ...run.targets, requested } }, 'run-again');
    expect(again.kind === 'request' && again.request.targets).toEqual(requested);
    expect(again.kind === 'request' && again.origin).toEqual({ runId: run.id, kind: 'run-again' });
  });
});
