// errorThresholdStop: which failure stopped a run's remaining targets, so their replies can say why.
import { describe, expect, it } from 'vitest';
import { errorThresholdStop } from '../../src/core/run/error-threshold-stop.js';
import type { ChildExecution, Run } from '../../src/core/run/run.js';
import { aRun } from '../support/builders.js';

const at = (minute: number) => new Date(Date.UTC(2026, 5, 2, 1, minute)).toISOString();

function child(
  accountName: string,
  region: string,
  status: ChildExecution['status'],
  ended?: number,
): ChildExecution {
  return {
    accountId: `3333333333${accountName.length.toString().padStart(2, '0')}`,
    accountName,
    region,
    status,
    ...(ended === undefined ? {} : { endedAt: at(ended) }),
  };
}

const runOf = (children: ChildExecution[], overrides: Partial<Run> = {}): Run =>
  aRun({
    mode: 'fan-out',
    status: 'completed-with-errors',
    maxErrors: { kind: 'count', value: 0 },
    children,
    ...overrides,
  });

describe('errorThresholdStop', () => {
  it('when a failure exceeds max errors 0 and the rest were skipped, then that failure is named', () => {
    const run = runOf([
      child('payments-prod', 'us-east-1', 'Success', 1),
      child('data-dev', 'us-east-1', 'Failed', 2),
      child('search-prod', 'us-east-1', 'Skipped'),
    ]);

    expect(errorThresholdStop(run)?.failed).toMatchObject({ accountName: 'data-dev', region: 'us-east-1' });
  });

  it('when max errors is 1, then the second failure to end is the one that stopped the run', () => {
    const run = runOf(
      [
        child('ledger-prod', 'eu-west-1', 'Failed', 9),
        child('data-dev', 'us-east-1', 'Failed', 3),
        child('search-prod', 'us-east-1', 'Cancelled'),
      ],
      { maxErrors: { kind: 'count', value: 1 } },
    );

    expect(errorThresholdStop(run)?.failed.accountName).toBe('ledger-prod');
  });

  it('when the failures stay within max errors, or nothing was stopped, or a person cancelled, then there is no stop', () => {
    const within = runOf([child('data-dev', 'us-east-1', 'Failed', 2), child('a', 'us-east-1', 'Skipped')], {
      maxErrors: { kind: 'count', value: 1 },
    });
    const nothingStopped = runOf([
      child('data-dev', 'us-east-1', 'Failed', 2),
      child('a', 'us-east-1', 'Success'),
    ]);
    const byPerson = runOf(
      [child('data-dev', 'us-east-1', 'Failed', 2), child('a', 'us-east-1', 'Cancelled')],
      {
        status: 'cancelled',
        cancelledBy: 'U0OPERATE1',
      },
    );

    expect([within, nothingStopped, byPerson].map(errorThresholdStop)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
