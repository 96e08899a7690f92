// The run's pure core: status roll-up, fan-out planning under limits, folding AWS reports in, tokens and ids.
import { describe, expect, it } from 'vitest';
import { applyChildReports } from '../../src/core/run/apply-child-reports.js';
import { startClientToken } from '../../src/core/run/client-token.js';
import { newRunId } from '../../src/core/run/new-run-id.js';
import { planFanOutStarts } from '../../src/core/run/plan-fan-out-starts.js';
import { rollUpRun } from '../../src/core/run/roll-up-run.js';
import type { ChildStatus } from '../../src/core/run/run.js';
import { aRun } from '../support/builders.js';

const withStatuses = (...statuses: ChildStatus[]) =>
  aRun({
    status: 'running',
    children: statuses.map((status, index) => ({
      accountId: `33333333330${index}`,
      accountName: `account-${index}`,
      region: 'ap-northeast-1',
      status,
    })),
  });

describe('rollUpRun', () => {
  it.each<[ChildStatus[], Partial<ReturnType<typeof rollUpRun>>]>([
    [['Pending', 'InProgress'], { finished: false, progress: 0, outcome: undefined }],
    [['Success', 'InProgress'], { finished: false, progress: 0.5 }],
    [['Success', 'Success'], { finished: true, outcome: 'succeeded' }],
    [['Success', 'Failed'], { finished: true, outcome: 'completed-with-errors' }],
    [['StartFailed', 'TimedOut'], { finished: true, outcome: 'failed' }],
    [['Success', 'Skipped'], { finished: true, outcome: 'completed-with-errors' }],
    [['Cancelled', 'Cancelled'], { finished: true, outcome: 'cancelled' }],
    [['Queued', 'Waiting'], { finished: false, progress: 0 }],
  ])('when children are %j, then the roll-up is %j', (statuses, expected) => {
    expect(rollUpRun(withStatuses(...statuses))).toMatchObject(expected);
  });

  it('when children run a runbook of known steps, then progress counts the steps they have done', () => {
    const run = withStatuses('Success', 'InProgress', 'InProgress', 'Queued');
    const children = run.children.map((child, index) =>
      index === 1
        ? { ...child, currentStep: 'stop' }
        : index === 2
          ? { ...child, currentStep: 'check' }
          : child,
    );
    const steps = ['snapshot', 'stop', 'start', 'check'];

    // 1 done, 1/4 and 3/4 of the others' steps: (1 + 0.25 + 0.75) / 4.
    expect(rollUpRun({ ...run, children, runbook: { ...run.runbook, steps } }).progress).toBe(0.5);
    expect(rollUpRun({ ...run, children }).progress).toBe(0.25);
  });

  it('when the run does not know its runbook’s steps, then a child that succeeded tells them', () => {
    const run = withStatuses('Success', 'InProgress');
    const steps = ['snapshot', 'stop', 'start', 'check'].map((name) => ({
      name,
      action: 'aws:executeAwsApi',
      status: 'Success' as const,
    }));
    const children = [
      { ...run.children[0]!, steps },
      { ...run.children[1]!, currentStep: 'start' },
    ];

    // 1 done and 2 of the other's 4 steps: (1 + 0.5) / 2.
    expect(rollUpRun({ ...run, children }).progress).toBe(0.75);
  });

  it('when a run is being cancelled, then its outcome is cancelled even if some succeeded', () => {
    const run = { ...withStatuses('Success', 'Cancelled'), status: 'cancelling' as const };
    expect(rollUpRun(run).outcome).toBe('cancelled');
  });

  it('counts each phase', () => {
    expect(rollUpRun(withStatuses('Queued', 'InProgress', 'Success', 'Failed', 'Skipped')).counts).toEqual({
      queued: 1,
      running: 1,
      succeeded: 1,
      failed: 1,
      cancelled: 0,
      skipped: 1,
    });
  });
});

describe('planFanOutStarts', () => {
  const children = (...statuses: ChildStatus[]) => statuses.map((status) => ({ status }));

  it('when nothing runs yet, then it starts up to the concurrency, in order', () => {
    expect(
      planFanOutStarts(children('Queued', 'Queued', 'Queued'), { maxConcurrency: 2, maxErrors: 0 }),
    ).toEqual({
      start: [0, 1],
      skip: [],
    });
  });

  it('when some run, then only the remaining room is used', () => {
    expect(
      planFanOutStarts(children('InProgress', 'Pending', 'Queued', 'Queued'), {
        maxConcurrency: 3,
        maxErrors: 0,
      }),
    ).toEqual({ start: [2], skip: [] });
  });

  it('when failures exceed the threshold, then every queued child is skipped and none starts', () => {
    expect(
      planFanOutStarts(children('Failed', 'StartFailed', 'InProgress', 'Queued', 'Queued'), {
        maxConcurrency: 10,
        maxErrors: 1,
      }),
    ).toEqual({ start: [], skip: [3, 4] });
  });

  it('when failures equal the threshold, then the run goes on', () => {
    expect(planFanOutStarts(children('Failed', 'Queued'), { maxConcurrency: 1, maxErrors: 1 })).toEqual({
      start: [1],
      skip: [],
    });
  });
});

describe('applyChildReports', () => {
  const now = '2025-06-02T02:00:00.000Z';

  it('when a report moves a child, then the child takes its fields and unknown fields stay', () => {
    const run = withStatuses('Pending', 'Pending');
    const next = applyChildReports(
      run,
      [{ accountId: '333333333300', region: 'ap-northeast-1', status: 'InProgress', executionId: 'e-1' }],
      now,
    );
    expect(next.children[0]).toMatchObject({
      status: 'InProgress',
      executionId: 'e-1',
      accountName: 'account-0',
    });
    expect(next.children[1]!.status).toBe('Pending');
    expect(next.updatedAt).toBe(now);
  });

  it('when a late report arrives for a finished child, then the final status stays', () => {
    const run = withStatuses('Success', 'InProgress');
    const next = applyChildReports(
      run,
      [{ accountId: '333333333300', region: 'ap-northeast-1', status: 'InProgress' }],
      now,
    );
    expect(next.children[0]!.status).toBe('Success');
  });

  it('when a parent reports an end the member account was already read for, then it only fills in what is missing', () => {
    const place = { accountId: '333333333300', region: 'ap-northeast-1' };
    const read = {
      status: 'Failed' as const,
      executionId: 'e-1',
      endedAt: '2025-06-02T01:59:10.000Z',
      failure: { reason: 'stopInstances', message: 'Step fails: the instance is in a wrong state' },
      steps: [{ name: 'stopInstances', action: 'aws:changeInstanceState', status: 'Failed' as const }],
    };
    const run = withStatuses('Failed', 'InProgress');
    const withRead = {
      ...run,
      children: run.children.map((child, n) => (n === 0 ? { ...child, ...read } : child)),
    };
    const parentSays = {
      ...place,
      status: 'Failed' as const,
      startedAt: '2025-06-02T01:58:00.000Z',
      endedAt: '2025-06-02T01:59:30.000Z',
      failure: { reason: 'Failed', message: 'Step fails in target location 333333333300-ap-northeast-1' },
    };

    const next = applyChildReports(withRead, [parentSays], now);
    expect(next.children[0]).toMatchObject({ ...read, startedAt: parentSays.startedAt });

    // Before the member account is read, the parent's report is what is known, and the read then replaces it.
    const first = applyChildReports(withStatuses('InProgress', 'InProgress'), [parentSays], now);
    expect(first.children[0]!.failure).toEqual(parentSays.failure);
    const then = applyChildReports(first, [{ ...place, ...read }], now);
    expect(then.children[0]).toMatchObject(read);
  });

  it('when the last child finishes, then the run takes its outcome', () => {
    const run = withStatuses('Success', 'InProgress');
    const next = applyChildReports(
      run,
      [{ accountId: '333333333301', region: 'ap-northeast-1', status: 'Failed' }],
      now,
    );
    expect(next.status).toBe('completed-with-errors');
  });
});

describe('startClientToken and newRunId', () => {
  it('when the run and target are the same, then the token is the same UUID; else it differs', () => {
    const token = startClientToken('run-abc', '333333333301:ap-northeast-1');
    expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(startClientToken('run-abc', '333333333301:ap-northeast-1')).toBe(token);
    expect(startClientToken('run-abc', '333333333301:us-east-1')).not.toBe(token);
    expect(startClientToken('run-abd', '333333333301:ap-northeast-1')).not.toBe(token);
  });

  it('when given bytes, then the id is run- and 8 unambiguous characters', () => {
    const id = newRunId((size) => Uint8Array.from({ length: size }, (_, index) => index * 37));
    expect(id).toMatch(/^run-[a-km-np-z2-9]{8}$/);
    expect(newRunId(() => new Uint8Array(8))).toBe('run-aaaaaaaa');
  });
});
