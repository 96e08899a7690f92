// threadLayout and summariseFailures: how a run's thread is laid out at any size, and failures counted by cause.
import { describe, expect, it } from 'vitest';
import {
  ACCOUNTS_PER_GROUP,
  deservesGroupReply,
  summariseFailures,
  threadLayout,
} from '../../src/core/run/thread-layout.js';
import { aChild, aRunWith, childrenOf, manyAccounts, minutes } from './render/render-builders.js';

const REGIONS = ['us-east-1', 'ap-northeast-1', 'eu-west-1'];

describe('threadLayout', () => {
  it('when a run has as many targets as the threshold, then each target gets its own reply', () => {
    const run = aRunWith(childrenOf(manyAccounts(10), ['us-east-1', 'eu-west-1'], () => 'Success'));
    expect(threadLayout(run, 20)).toEqual({ kind: 'per-target' });
  });

  it('when a run has 1,000 accounts in 3 regions, then it has 20 pages per region, every target exactly once', () => {
    const accounts = manyAccounts(1_000).reverse();
    const run = aRunWith(childrenOf(accounts, REGIONS, () => 'Queued'));
    const layout = threadLayout(run, 20);
    if (layout.kind !== 'grouped') throw new Error('expected groups');
    expect(layout.groups).toHaveLength(60);
    expect(layout.groups.map((group) => group.key).slice(0, 2)).toEqual([
      'ap-northeast-1:1',
      'ap-northeast-1:2',
    ]);
    expect(layout.groups.every((group) => group.children.length === ACCOUNTS_PER_GROUP)).toBe(true);
    const shown = layout.groups.flatMap((group) => group.children.map((c) => `${c.accountId}:${c.region}`));
    expect(new Set(shown).size).toBe(3_000);
    // Pages read in account order, whatever order the run holds them in.
    const first = layout.groups[0]!;
    expect(first.children[0]!.accountName).toBe('member-0001');
    expect(first).toMatchObject({ page: 1, pages: 20, first: 1, regionTotal: 1_000 });
    expect(layout.groups[1]).toMatchObject({ page: 2, first: 51 });
  });

  it('when a run changes, then its children are laid out in the order worked out for its targets, as they are now', () => {
    const run = aRunWith(childrenOf(manyAccounts(60).reverse(), ['us-east-1'], () => 'Queued'));
    threadLayout(run, 20);
    const moved = {
      ...run,
      children: run.children.map((child) => ({ ...child, status: 'Success' as const })),
    };
    const layout = threadLayout(moved, 20);
    if (layout.kind !== 'grouped') throw new Error('expected groups');
    expect(layout.groups[0]!.children[0]).toBe(moved.children.at(-1));
    expect(layout.groups[0]!.children.every((child) => child.status === 'Success')).toBe(true);
  });

  it('when other children come with the same targets object, then they are sorted afresh, not in the kept order', () => {
    const run = aRunWith(childrenOf(manyAccounts(60), ['us-east-1'], () => 'Queued'));
    threadLayout(run, 20);
    // Same regions and count, other names: a kept order would put member-0001 first.
    const renamed = run.children.map((child, index) => ({
      ...child,
      accountName: `zz-${String(60 - index).padStart(2, '0')}`,
    }));
    const layout = threadLayout({ ...run, children: renamed }, 20);
    if (layout.kind !== 'grouped') throw new Error('expected groups');
    expect(layout.groups[0]!.children.slice(0, 2).map((child) => child.accountName)).toEqual([
      'zz-01',
      'zz-02',
    ]);
  });

  it('when a region has a partial last page, then that page holds the rest', () => {
    const run = aRunWith(childrenOf(manyAccounts(70), ['us-east-1'], () => 'Queued'));
    const layout = threadLayout(run, 20);
    if (layout.kind !== 'grouped') throw new Error('expected groups');
    expect(layout.groups.map((group) => [group.key, group.children.length])).toEqual([
      ['us-east-1:1', 50],
      ['us-east-1:2', 20],
    ]);
  });
});

describe('deservesGroupReply', () => {
  const started = (_status: 'InProgress' | 'Success', startedAt: Date) => ({
    startedAt: startedAt.toISOString(),
  });

  it('when every account of a group has ended, then it is posted; while all are young and running, not yet', () => {
    const accounts = manyAccounts(3);
    const ended = accounts.map((account) =>
      aChild(account, 'us-east-1', 'Success', { ...started('Success', minutes(0)), steps: [] }),
    );
    const group = { key: 'us-east-1:1', region: 'us-east-1', page: 1, pages: 1, first: 1, regionTotal: 3 };
    expect(deservesGroupReply({ ...group, children: ended }, minutes(0.1))).toBe(true);
    // Ended as a multi-account parent reports it, before the member account's steps are read: not yet.
    const reportedEnded = ended.map(({ steps: _steps, ...child }) => child);
    expect(deservesGroupReply({ ...group, children: reportedEnded }, minutes(0.1))).toBe(false);
    // A child that never started in its account has no steps to wait for.
    const neverStarted = reportedEnded.map(({ executionId: _id, ...child }) => ({
      ...child,
      status: 'Skipped' as const,
    }));
    expect(deservesGroupReply({ ...group, children: neverStarted }, minutes(0.1))).toBe(true);
    const young = [
      ...ended.slice(0, 2),
      aChild(accounts[2]!, 'us-east-1', 'InProgress', started('InProgress', minutes(0))),
    ];
    expect(deservesGroupReply({ ...group, children: young }, minutes(0.1))).toBe(false);
    // A minute is not long: a worker that records ends late must not make short executions look long.
    expect(deservesGroupReply({ ...group, children: young }, minutes(1))).toBe(false);
    // Running for a long while: shown and then edited as it goes.
    expect(deservesGroupReply({ ...group, children: young }, minutes(5))).toBe(true);
  });
});

describe('summariseFailures', () => {
  it('when failures share a step or a reason, then they are counted together, the most common first', () => {
    const accounts = manyAccounts(8);
    const failedAt = (step: string) => ({
      steps: [
        { name: 'check', action: 'aws:assertAwsResourceProperty', status: 'Success' as const },
        { name: step, action: 'aws:changeInstanceState', status: 'Failed' as const },
      ],
    });
    const children = [
      ...accounts
        .slice(0, 5)
        .map((account) => aChild(account, 'us-east-1', 'Failed', failedAt('stopInstances'))),
      ...accounts
        .slice(5, 7)
        .map((account) =>
          aChild(account, 'us-east-1', 'StartFailed', { failure: { reason: 'AccessDenied', message: 'no' } }),
        ),
      aChild(accounts[7]!, 'us-east-1', 'Success'),
    ];
    const summary = summariseFailures(aRunWith(children));
    expect(summary.map(({ cause, count }) => [cause, count])).toEqual([
      [{ kind: 'step', step: 'stopInstances' }, 5],
      [{ kind: 'reason', reason: 'AccessDenied' }, 2],
    ]);
    expect(summary[0]!.examples.map((child) => child.accountName)).toEqual([
      'member-0001',
      'member-0002',
      'member-0003',
      'member-0004',
      'member-0005',
    ]);
  });

  it('when nothing failed, then there is nothing to summarise', () => {
    expect(summariseFailures(aRunWith([aChild(manyAccounts(1)[0]!, 'us-east-1', 'Success')]))).toEqual([]);
  });
});
