// Polling a location: the fewest describe calls that cover everything tracked, what moved, and the backoff.
import { describe, expect, it } from 'vitest';
import { nextPollDelay } from '../../src/core/tracking/next-poll-delay.js';
import { findMoves, planDescribeCalls } from '../../src/core/tracking/plan-location-poll.js';
import { parseLocationKey, type TrackedEntry } from '../../src/core/tracking/tracked-location.js';

const execution = (
  id: string,
  extra: Partial<Extract<TrackedEntry, { kind: 'execution' }>> = {},
): TrackedEntry => ({
  kind: 'execution',
  executionId: id,
  runId: 'run-a',
  ...extra,
});
const children = (parent: string): TrackedEntry => ({
  kind: 'children',
  parentExecutionId: parent,
  runId: 'run-b',
});

describe('planDescribeCalls', () => {
  it('when 23 executions and 2 parents are tracked, then 3 calls by id and 1 by parent cover them', () => {
    const entries = [
      ...Array.from({ length: 23 }, (_, index) => execution(`e-${index}`)),
      children('p-1'),
      children('p-2'),
    ];
    const calls = planDescribeCalls(entries);
    expect(calls.map((call) => [call.key, call.values.length])).toEqual([
      ['ExecutionId', 10],
      ['ExecutionId', 10],
      ['ExecutionId', 3],
      ['ParentExecutionId', 2],
    ]);
  });

  it('when a child was found through its parent, then the parent filter covers it and it is not asked for by id', () => {
    const calls = planDescribeCalls([
      children('p-1'),
      execution('c-1', { viaParent: 'p-1' }),
      execution('e-9'),
    ]);
    expect(calls).toEqual([
      { key: 'ExecutionId', values: ['e-9'] },
      { key: 'ParentExecutionId', values: ['p-1'] },
    ]);
  });

  it('when a child’s parent filter is gone, then the child is asked for by id again', () => {
    expect(planDescribeCalls([execution('c-1', { viaParent: 'p-1' })])).toEqual([
      { key: 'ExecutionId', values: ['c-1'] },
    ]);
  });

  it('when nothing is tracked, then no call is made', () => {
    expect(planDescribeCalls([])).toEqual([]);
  });
});

describe('findMoves', () => {
  it('when status or step changed, then it moved; when both are as before, it did not', () => {
    const entries = [
      execution('same', { fingerprint: 'InProgress|stop' }),
      execution('step', { fingerprint: 'InProgress|stop' }),
      execution('done', { fingerprint: 'InProgress|start' }),
      execution('fresh'),
    ];
    const moved = findMoves(entries, [
      { executionId: 'same', status: 'InProgress', currentStep: 'stop' },
      { executionId: 'step', status: 'InProgress', currentStep: 'start' },
      { executionId: 'done', status: 'Success' },
      { executionId: 'fresh', status: 'Pending' },
    ]);
    expect(moved.map((move) => move.summary.executionId)).toEqual(['step', 'done', 'fresh']);
  });

  it('when a parent’s child appears, then it is new and belongs to the parent’s run; strangers are ignored', () => {
    const moved = findMoves(
      [children('p-1')],
      [
        { executionId: 'c-1', status: 'InProgress', parentExecutionId: 'p-1' },
        { executionId: 'x-1', status: 'Failed', parentExecutionId: 'p-other' },
      ],
    );
    expect(moved).toEqual([{ summary: expect.objectContaining({ executionId: 'c-1' }), runId: 'run-b' }]);
  });

  it('when a tracked execution is not returned, then it has not moved', () => {
    expect(findMoves([execution('gone')], [])).toEqual([]);
  });
});

describe('nextPollDelay', () => {
  const intervals = { quickMs: 2_000, slowMs: 30_000 };
  it.each([
    [undefined, false, 2_000],
    [2_000, true, 2_000],
    [2_000, false, 4_000],
    [16_000, false, 30_000],
    [30_000, false, 30_000],
    [30_000, true, 2_000],
  ])('when the last delay was %s ms and moved=%s, then the next is %s ms', (previous, moved, expected) => {
    expect(nextPollDelay(previous, moved, intervals)).toBe(expected);
  });
});

describe('parseLocationKey', () => {
  it.each([
    ['333333333301:ap-northeast-1', { accountId: '333333333301', region: 'ap-northeast-1' }],
    ['3333:ap-northeast-1', undefined],
    ['333333333301:nowhere', undefined],
  ])('when the key is %s, then it reads %j', (key, expected) => {
    expect(parseLocationKey(key)).toEqual(expected);
  });
});
